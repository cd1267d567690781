using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace SourceGen.Gpu;

/// <summary>
/// The partial results of one reduction in a <c>Target.Gpu</c> launch: <see cref="Slots"/> device values the threads
/// combine into with atomics (thread <c>t</c> into slot <c>t % Slots</c>, so that a warp's threads never wait on
/// one address), then read back and combined on the host in slot order. Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GpuPartials<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The number of slots, a power of two: a thread's slot is its index masked with <c>Slots - 1</c>.</summary>
    public const int Slots = 256;

    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;
    private readonly T[] _host = new T[Slots];

    /// <summary>Allocates the slots on <paramref name="accelerator"/>.</summary>
    public GpuPartials(Accelerator accelerator)
    {
        _accelerator = accelerator;
        _buffer = accelerator.Allocate1D<T>(Slots);
    }

    /// <summary>Sets every slot to the operator's identity before a launch; returns the view the threads combine into.</summary>
    public ArrayView<T> Reset(T identity)
    {
        _host.AsSpan().Fill(identity);
        _buffer.View.CopyFromCPU(_host);
        return _buffer.View;
    }

    /// <summary>Waits for the launch and returns the slots, to combine in order.</summary>
    public T[] Read()
    {
        _accelerator.Synchronize();
        _buffer.View.CopyToCPU(_host);
        return _host;
    }

    /// <summary>Frees the device slots.</summary>
    public void Dispose() => _buffer.Dispose();
}
