using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace SourceGen.Gpu;

/// <summary>Which accelerator <c>Target.Gpu</c> entry points run on.</summary>
public enum GpuPreference
{
    /// <summary>A CUDA device, else an OpenCL one, else the CPU path (the generated SIMD code), said once.</summary>
    Auto,

    /// <summary>A CUDA device; an entry point throws <see cref="GpuUnavailableException"/> when there is none.</summary>
    Cuda,

    /// <summary>An OpenCL device; an entry point throws <see cref="GpuUnavailableException"/> when there is none.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: the GPU code path, emulated on the CPU (slow; for tests).</summary>
    Cpu,

    /// <summary>Never a GPU: the CPU path, silently.</summary>
    None,
}

/// <summary>Thrown when <see cref="GpuRuntime.Preference"/> names a kind of device this machine does not have.</summary>
public sealed class GpuUnavailableException(string message) : InvalidOperationException(message);

/// <summary>
/// The shared ILGPU context and accelerator that <c>Target.Gpu</c> entry points run on: created on first use,
/// thread-safe, disposed at process exit. The choice comes from <see cref="Preference"/>, which starts from the
/// <c>SOURCEGEN_GPU</c> environment variable (<c>auto</c>, <c>cuda</c>, <c>opencl</c>, <c>cpu</c>, <c>none</c>).
/// Compiled kernels are cached per accelerator: ILGPU compiles a kernel on its first launch.
/// </summary>
public static class GpuRuntime
{
    /// <summary>The environment variable read for the initial <see cref="Preference"/>.</summary>
    public const string EnvironmentVariable = "SOURCEGEN_GPU";

    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<(Accelerator, Delegate), object> Kernels = new();
    private static GpuPreference? _preference;
    private static Context? _context;
    private static Accelerator? _accelerator;
    private static bool _resolved;
    private static bool _toldFallback;

    /// <summary>
    /// Raised once when a <c>Target.Gpu</c> entry point runs on the CPU because no GPU was found (preference
    /// <see cref="GpuPreference.Auto"/>); the message is also written to <see cref="Trace"/>.
    /// </summary>
    public static event Action<string>? RunningOnCpu;

    /// <summary>The accelerator choice. Setting it releases the current accelerator; the next launch chooses again.</summary>
    public static GpuPreference Preference
    {
        get
        {
            lock (Gate)
            {
                return _preference ??= FromEnvironment();
            }
        }

        set
        {
            lock (Gate)
            {
                Release();
                _preference = value;
            }
        }
    }

    /// <summary>The accelerator in use ("CPU path" when none), for logs.</summary>
    public static string Description
    {
        get
        {
            lock (Gate)
            {
                return _accelerator is null ? "CPU path" : $"{_accelerator.AcceleratorType} {_accelerator.Name}";
            }
        }
    }

    /// <summary>
    /// The accelerator to launch on, or false when the entry point should run its CPU path. Throws
    /// <see cref="GpuUnavailableException"/> when an explicit preference finds no such device.
    /// </summary>
    public static bool TryGetAccelerator([NotNullWhen(true)] out Accelerator? accelerator)
    {
        string? notice = null;
        lock (Gate)
        {
            if (!_resolved)
            {
                Resolve(_preference ??= FromEnvironment());
            }

            accelerator = _accelerator;
            if (accelerator is null && _preference == GpuPreference.Auto && !_toldFallback)
            {
                _toldFallback = true;
                notice = "SourceGen: no CUDA or OpenCL device found; Target.Gpu entry points run their CPU code (SIMD, across threads) instead.";
            }
        }

        if (notice is not null)
        {
            Trace.WriteLine(notice);
            RunningOnCpu?.Invoke(notice);
        }

        return accelerator is not null;
    }

    /// <summary>A kernel loaded (compiled) once per accelerator. Public for generated code only.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static TLauncher Kernel<TLauncher>(Accelerator accelerator, Delegate kernel, Func<Accelerator, TLauncher> load)
        where TLauncher : Delegate =>
        (TLauncher)Kernels.GetOrAdd((accelerator, kernel), static (key, load) => load(key.Item1), load);

    /// <summary>A device buffer holding a copy of <paramref name="values"/>. Public for generated code only.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(Accelerator accelerator, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        MemoryBuffer1D<T, Stride1D.Dense> buffer = accelerator.Allocate1D<T>(Math.Max(1, values.Length));
        if (!values.IsEmpty)
        {
            buffer.View.SubView(0, values.Length).CopyFromCPU(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values), values.Length);
        }

        return buffer;
    }

    /// <summary>A device buffer for <paramref name="length"/> results. Public for generated code only.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(Accelerator accelerator, int length)
        where T : unmanaged => accelerator.Allocate1D<T>(Math.Max(1, length));

    /// <summary>Waits for the accelerator and copies the first <paramref name="destination"/>.Length results back. Public for generated code only.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void Download<T>(Accelerator accelerator, MemoryBuffer1D<T, Stride1D.Dense> buffer, Span<T> destination)
        where T : unmanaged
    {
        accelerator.Synchronize();
        if (!destination.IsEmpty)
        {
            buffer.View.SubView(0, destination.Length).CopyToCPU(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination), destination.Length);
        }
    }

    /// <summary>
    /// Throws when two arguments of a <c>Target.Gpu</c> call share memory and one of them is written: each gets its own
    /// device copy, so they would not see each other's writes as the kernel on the CPU does. Public for generated code only.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static void ThrowIfOverlapping<TFirst, TSecond>(ReadOnlySpan<TFirst> first, string firstName, ReadOnlySpan<TSecond> second, string secondName)
        where TFirst : unmanaged
        where TSecond : unmanaged
    {
        if (System.Runtime.InteropServices.MemoryMarshal.AsBytes(first).Overlaps(System.Runtime.InteropServices.MemoryMarshal.AsBytes(second)))
        {
            throw new ArgumentException(
                $"'{firstName}' and '{secondName}' share memory; with Target.Gpu each argument has its own copy on the device, and one of them is written. Pass separate arrays.",
                secondName);
        }
    }

    private static GpuPreference FromEnvironment() =>
        (Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "auto" => GpuPreference.Auto,
            "cuda" => GpuPreference.Cuda,
            "opencl" => GpuPreference.OpenCL,
            "cpu" => GpuPreference.Cpu,
            "none" => GpuPreference.None,
            string other => throw new GpuUnavailableException($"{EnvironmentVariable}='{other}' is not one of auto, cuda, opencl, cpu, none."),
        };

    /// <summary>The ILGPU context SourceGen's kernels compile in: every accelerator, and ILGPU.Algorithms' math functions. Public for tests and baselines.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static Context CreateContext() => Context.Create(builder => builder.Default().EnableAlgorithms());

    private static void Resolve(GpuPreference preference)
    {
        _resolved = true;
        if (preference == GpuPreference.None)
        {
            return;
        }

        // EnableAlgorithms: without it the PTX and OpenCL backends have no Exp, Log, … (only the CPU accelerator would run them).
        _context = CreateContext();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { lock (Gate) { Release(); } };
        AcceleratorType[] wanted = preference switch
        {
            GpuPreference.Cuda => new[] { AcceleratorType.Cuda },
            GpuPreference.OpenCL => new[] { AcceleratorType.OpenCL },
            GpuPreference.Cpu => new[] { AcceleratorType.CPU },
            _ => new[] { AcceleratorType.Cuda, AcceleratorType.OpenCL },
        };
        Device? device = wanted.Select(type => _context.Devices.FirstOrDefault(d => d.AcceleratorType == type)).FirstOrDefault(d => d is not null);
        if (device is null)
        {
            string found = string.Join(", ", _context.Devices.Select(d => $"{d.AcceleratorType} {d.Name}"));
            if (preference != GpuPreference.Auto)
            {
                Release();
                throw new GpuUnavailableException($"{EnvironmentVariable}/GpuRuntime.Preference asks for {preference}, but this machine has no such device (found: {found}).");
            }

            return;
        }

        _accelerator = device.CreateAccelerator(_context);
    }

    private static void Release()
    {
        Kernels.Clear();
        _accelerator?.Dispose();
        _context?.Dispose();
        _accelerator = null;
        _context = null;
        _resolved = false;
        _toldFallback = false;
    }
}
