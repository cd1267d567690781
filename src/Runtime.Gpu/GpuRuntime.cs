using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
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

/// <summary>
/// Thrown when <see cref="GpuRuntime.Preference"/> names a kind of device this machine does not have, or ILGPU
/// cannot start in this process (NativeAOT: no dynamic code).
/// </summary>
public sealed class GpuUnavailableException : InvalidOperationException
{
    /// <summary>A device that is missing, said in <paramref name="message"/>.</summary>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>ILGPU failed to start: <paramref name="inner"/> is its exception.</summary>
    public GpuUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// One call's hold on the accelerator <see cref="GpuRuntime.TryAcquire"/> chose: the accelerator is not disposed
/// while a lease on it is open, even when <see cref="GpuRuntime.Preference"/> changes meanwhile (it is retired,
/// and disposed when its last lease closes), and no other call uses it meanwhile: calls from several threads take
/// turns (one device runs one call's kernels at a time anyway, and ILGPU's default stream and synchronization are not
/// made for concurrent callers — two threads' calls on ILGPU's CPU accelerator were seen to lose results). Generated
/// <c>Target.Gpu</c> code holds one for each call, on the calling thread.
/// </summary>
public sealed class GpuLease : IDisposable
{
    private GpuRuntime.StartedAccelerator? _device;

    internal GpuLease(GpuRuntime.StartedAccelerator device) => _device = device;

    /// <summary>Waits for the calls before this one on the same accelerator (outside the runtime's lock).</summary>
    internal void EnterCall() => Monitor.Enter(_device!.Calls);

    /// <summary>The accelerator to launch on; valid until <see cref="Dispose"/>.</summary>
    public Accelerator Accelerator =>
        Volatile.Read(ref _device)?.Accelerator ?? throw new ObjectDisposedException(nameof(GpuLease));

    /// <summary>Ends the hold (once; later calls do nothing).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _device, null) is { } device)
        {
            Monitor.Exit(device.Calls);
            GpuRuntime.Return(device);
        }
    }
}

/// <summary>
/// The shared ILGPU context and accelerator that <c>Target.Gpu</c> entry points run on: created on first use,
/// thread-safe, disposed at process exit. The choice comes from <see cref="Preference"/>, which starts from the
/// <c>SOURCEGEN_GPU</c> environment variable (<c>auto</c>, <c>cuda</c>, <c>opencl</c>, <c>cpu</c>, <c>none</c>).
/// Compiled kernels are cached per accelerator: ILGPU compiles a kernel on its first launch. An accelerator is
/// disposed only when no call holds it (<see cref="GpuLease"/>): changing <see cref="Preference"/> while
/// <c>Target.Gpu</c> calls run lets them finish on the old one.
/// </summary>
public static class GpuRuntime
{
    /// <summary>The environment variable read for the initial <see cref="Preference"/>.</summary>
    public const string EnvironmentVariable = "SOURCEGEN_GPU";

    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<(Accelerator, Delegate), object> Kernels = new();
    private static GpuPreference? _preference;
    private static StartedAccelerator? _current;
    private static bool _resolved;
    private static string? _fallbackReason;
    private static bool _toldFallback;
    private static bool _exitHooked;

    /// <summary>
    /// Raised once when a <c>Target.Gpu</c> entry point runs on the CPU because no GPU was found, or ILGPU cannot
    /// run in this process (preference <see cref="GpuPreference.Auto"/>); the message is also written to <see cref="Trace"/>.
    /// </summary>
    public static event Action<string>? RunningOnCpu;

    /// <summary>
    /// The accelerator choice. Setting it retires the current accelerator (disposed now, or when the calls that
    /// hold it finish); the next launch chooses again.
    /// </summary>
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
                Retire();
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
                return _current is null ? "CPU path" : $"{_current.Accelerator.AcceleratorType} {_current.Accelerator.Name}";
            }
        }
    }

    /// <summary>
    /// A hold on the accelerator to launch on, or false when the entry point should run its CPU path. The
    /// accelerator stays usable until the lease is disposed, whatever <see cref="Preference"/> does meanwhile.
    /// Throws <see cref="GpuUnavailableException"/> when an explicit preference finds no such device.
    /// </summary>
    public static bool TryAcquire([NotNullWhen(true)] out GpuLease? lease)
    {
        lease = null;
        string? notice = null;
        lock (Gate)
        {
            StartedAccelerator? device = Resolved(ref notice);
            if (device is not null)
            {
                device.Leases++;
                lease = new GpuLease(device);
            }
        }

        Tell(notice);
        lease?.EnterCall();
        return lease is not null;
    }

    /// <summary>
    /// The accelerator to launch on, or false when the entry point should run its CPU path. Throws
    /// <see cref="GpuUnavailableException"/> when an explicit preference finds no such device.
    /// </summary>
    /// <remarks>
    /// Nothing holds the accelerator for the caller: setting <see cref="Preference"/> disposes it once no
    /// <see cref="GpuLease"/> holds it. Code that may run while the preference changes uses <see cref="TryAcquire"/>.
    /// </remarks>
    public static bool TryGetAccelerator([NotNullWhen(true)] out Accelerator? accelerator)
    {
        string? notice = null;
        lock (Gate)
        {
            accelerator = Resolved(ref notice)?.Accelerator;
        }

        Tell(notice);
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
        if (Internal.ByteRanges.Overlap(first, second, out _))
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

    /// <summary>The current device, chosen on first use after a preference change (under <see cref="Gate"/>); null: the CPU path, with a notice to tell once.</summary>
    private static StartedAccelerator? Resolved(ref string? notice)
    {
        if (!_resolved)
        {
            Resolve(_preference ??= FromEnvironment());
        }

        if (_current is null && _preference == GpuPreference.Auto && !_toldFallback)
        {
            _toldFallback = true;
            notice = $"SourceGen: {_fallbackReason ?? "no CUDA or OpenCL device found"}; Target.Gpu entry points run their CPU code (SIMD, across threads) instead.";
        }

        return _current;
    }

    private static void Tell(string? notice)
    {
        if (notice is not null)
        {
            Trace.WriteLine(notice);
            RunningOnCpu?.Invoke(notice);
        }
    }

    /// <summary>Under <see cref="Gate"/>: finds the preferred device and starts an accelerator on it, or finds why there is none.</summary>
    private static void Resolve(GpuPreference preference)
    {
        _resolved = true;
        _fallbackReason = null;
        if (preference == GpuPreference.None)
        {
            return;
        }

        if (!_exitHooked)
        {
            _exitHooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ReleaseAtExit();
        }

        // ILGPU compiles kernels with Reflection.Emit: under NativeAOT its first type initializer throws. Such a
        // process has the CPU code only.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            CannotStart(preference, "ILGPU needs dynamic code, which this process does not have (NativeAOT)", null);
            return;
        }

        Context? context = null;
        try
        {
            // EnableAlgorithms: without it the PTX and OpenCL backends have no Exp, Log, … (only the CPU accelerator would run them).
            context = CreateContext();
            AcceleratorType[] wanted = preference switch
            {
                GpuPreference.Cuda => new[] { AcceleratorType.Cuda },
                GpuPreference.OpenCL => new[] { AcceleratorType.OpenCL },
                GpuPreference.Cpu => new[] { AcceleratorType.CPU },
                _ => new[] { AcceleratorType.Cuda, AcceleratorType.OpenCL },
            };
            Device? device = wanted.Select(type => context.Devices.FirstOrDefault(d => d.AcceleratorType == type)).FirstOrDefault(d => d is not null);
            if (device is null)
            {
                string found = string.Join(", ", context.Devices.Select(d => $"{d.AcceleratorType} {d.Name}"));
                context.Dispose();
                if (preference != GpuPreference.Auto)
                {
                    _resolved = false;
                    throw new GpuUnavailableException($"{EnvironmentVariable}/GpuRuntime.Preference asks for {preference}, but this machine has no such device (found: {found}).");
                }

                return;
            }

            _current = new StartedAccelerator(context, device.CreateAccelerator(context));
        }
        catch (Exception exception) when (exception is not GpuUnavailableException)
        {
            // A driver or ILGPU that fails to start (a TypeInitializationException, a native library that will not load)
            // is no GPU, not a crash: Auto runs the CPU code, an explicit preference says why.
            context?.Dispose();
            CannotStart(preference, $"ILGPU could not start ({exception.GetType().Name}: {exception.Message})", exception);
        }
    }

    /// <summary>ILGPU cannot run here: Auto runs the CPU code (the reason goes in its notice); an explicit preference throws, and the next call tries again.</summary>
    private static void CannotStart(GpuPreference preference, string reason, Exception? inner)
    {
        if (preference == GpuPreference.Auto)
        {
            _fallbackReason = reason;
            return;
        }

        _resolved = false;
        throw new GpuUnavailableException($"{EnvironmentVariable}/GpuRuntime.Preference asks for {preference}, but {reason}.", inner);
    }

    /// <summary>
    /// Under <see cref="Gate"/>: forgets the current device so the next call chooses again, and disposes it when
    /// nothing holds it; otherwise its last lease does. Disposal stays under the lock, as creation is: ILGPU's
    /// contexts are not started and torn down concurrently.
    /// </summary>
    private static void Retire()
    {
        StartedAccelerator? current = _current;
        _current = null;
        _resolved = false;
        _toldFallback = false;
        if (current is not null)
        {
            current.Retired = true;
            if (current.Leases == 0)
            {
                current.Dispose();
            }
        }
    }

    /// <summary>A lease closes: the last one on a retired device disposes it.</summary>
    internal static void Return(StartedAccelerator device)
    {
        lock (Gate)
        {
            if (--device.Leases == 0 && device.Retired)
            {
                device.Dispose();
            }
        }
    }

    /// <summary>At exit: the accelerator is disposed unless a call still runs on it (disposing it then would crash that call; the process ends anyway).</summary>
    private static void ReleaseAtExit()
    {
        lock (Gate)
        {
            Retire();
        }
    }

    /// <summary>An ILGPU context and the accelerator started in it, with the count of calls that hold it (under <see cref="Gate"/>).</summary>
    internal sealed class StartedAccelerator(Context context, Accelerator accelerator)
    {
        public Accelerator Accelerator { get; } = accelerator;

        public int Leases { get; set; }

        /// <summary>Held for the length of one call on this accelerator (see <see cref="GpuLease"/>).</summary>
        public object Calls { get; } = new();

        public bool Retired { get; set; }

        public void Dispose()
        {
            foreach ((Accelerator, Delegate) key in Kernels.Keys)
            {
                if (key.Item1 == Accelerator)
                {
                    Kernels.TryRemove(key, out _);
                }
            }

            Accelerator.Dispose();
            context.Dispose();
        }
    }
}
