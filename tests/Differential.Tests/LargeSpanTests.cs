using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SourceGen.Differential.Tests.Kernels;
using SourceGen.Gpu;
using SourceGen.Internal;
using Xunit;
using Xunit.Abstractions;

namespace SourceGen.Differential.Tests;

/// <summary>
/// Spans whose bytes exceed <see cref="int.MaxValue"/> (600M floats: 2.4 GB), where <c>MemoryMarshal.AsBytes</c> throws
/// <see cref="OverflowException"/>. The checks only compare addresses, so most tests give a small array a huge length
/// (nothing is read past the array); one test allocates 2.4 GB, and says so and stops where the memory is not there.
/// </summary>
public sealed class LargeSpanTests(ITestOutputHelper output)
{
    private const int Huge = 600_000_000;

    private static ReadOnlySpan<float> HugeAt(float[] array, int index) => MemoryMarshal.CreateReadOnlySpan(ref array[index], Huge);

    private static Span<float> HugeWritableAt(float[] array, int index) => MemoryMarshal.CreateSpan(ref array[index], Huge);

    [Fact]
    public void OverlapChecks_OnHugeSpans_TellOverlapFromDisjoint()
    {
        float[] small = new float[16];

        // In place (same start, same element size): allowed; one element off: refused, in either order.
        ArgumentGuard.NoPartialOverlap(HugeAt(small, 8), HugeWritableAt(small, 8), "x", "destination");
        Assert.Throws<ArgumentException>(() => ArgumentGuard.NoPartialOverlap(HugeAt(small, 8), HugeWritableAt(small, 9), "x", "destination"));
        Assert.Throws<ArgumentException>(() => ArgumentGuard.NoPartialOverlap(HugeAt(small, 9), HugeWritableAt(small, 8), "x", "destination"));

        // small[0..8) ends where the huge span starts: disjoint; small[0..9) shares one element.
        Assert.True(LoopBuffers.Disjoint(HugeAt(small, 8), small.AsSpan(0, 8)));
        Assert.True(LoopBuffers.Disjoint<float, float>(small.AsSpan(0, 8), HugeAt(small, 8)));
        Assert.False(LoopBuffers.Disjoint(HugeAt(small, 8), small.AsSpan(0, 9)));
        Assert.False(LoopBuffers.Disjoint<float, float>(small.AsSpan(0, 9), HugeAt(small, 8)));
        Assert.True(LoopBuffers.Disjoint(HugeAt(small, 8), ReadOnlySpan<float>.Empty));

        // A wider element type: 600M doubles are 4.8 GB.
        ReadOnlySpan<double> doubles = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.Cast<float, double>(small.AsSpan())[4], Huge);
        Assert.False(LoopBuffers.Disjoint(doubles, small.AsSpan(8, 1)));
        Assert.True(LoopBuffers.Disjoint(doubles, small.AsSpan(7, 1)));

        GpuRuntime.ThrowIfOverlapping(HugeAt(small, 8), "a", small.AsSpan(0, 8), "b");
        Assert.Throws<ArgumentException>(() => GpuRuntime.ThrowIfOverlapping(HugeAt(small, 8), "a", small.AsSpan(0, 9), "b"));
        GuShapes.Disjoint("out", HugeAt(small, 8), "in", small.AsSpan(0, 8));
        Assert.Throws<ArgumentException>(() => GuShapes.Disjoint("out", small.AsSpan(0, 9), "in", HugeAt(small, 8)));
    }

    [Fact]
    public void ParallelChunks_PinsAHugeSpan_AndCoversALengthNearIntMax()
    {
        float[] small = new float[16];
        ReadOnlySpan<byte> pin = ParallelChunks.Pin(HugeAt(small, 4));
        Assert.Equal(1, pin.Length);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(pin), ref Unsafe.As<float, byte>(ref small[4])));
        Assert.Equal(0, ParallelChunks.Pin(Span<float>.Empty).Length);

        // The chunks of int.MaxValue - 3 elements: contiguous, whole grains but the last, every element once. The body
        // reads nothing, so a huge span over a small array does.
        const int Length = int.MaxValue - 3, Grain = 16;
        var chunks = new ConcurrentBag<(int Start, int Count, nint Address)>();
        ParallelChunks.For(Length, Grain, 1, (in PinnedBuffers buffers, int start, int count) => chunks.Add((start, count, buffers.B0)), ParallelChunks.Pin(HugeWritableAt(small, 0)));
        var ordered = chunks.OrderBy(c => c.Start).ToList();
        long next = 0;
        foreach ((int start, int count, nint _) in ordered)
        {
            Assert.Equal(next, start);
            Assert.True(count > 0);
            next += count;
            Assert.True(next == Length || count % Grain == 0, $"chunk at {start}: {count} elements");
        }

        Assert.Equal(Length, next);
        Assert.Single(ordered.Select(c => c.Address).Distinct());
    }

    [Fact]
    public void ParallelChunks_Plan_NearIntMax_DoesNotOverflow()
    {
        foreach (int threads in new[] { 1, 2, 3, 64, 1024 })
        {
            foreach (int length in new[] { 1, 15, 16, 17, 1 << 20, int.MaxValue - 100, int.MaxValue - 1, int.MaxValue })
            {
                foreach (int grain in new[] { 1, 8, 64, 1 << 20 })
                {
                    (int chunks, int chunkLength) = ParallelChunks.Plan(length, grain, 22, threads);
                    Assert.True(chunks >= 1 && chunkLength >= 1, $"length {length}, grain {grain}, {threads} threads: {chunks} x {chunkLength}");
                    Assert.True((long)(chunks - 1) * chunkLength < length && (long)chunks * chunkLength >= length, $"length {length}, grain {grain}, {threads} threads: {chunks} x {chunkLength}");
                    Assert.True(chunks == 1 || chunkLength % grain == 0, $"length {length}, grain {grain}: chunk length {chunkLength}");
                }
            }
        }
    }

    [Fact]
    public void ParallelLoops_PinHugeSpans()
    {
        float[] small = new float[16];
        var seen = new ConcurrentBag<(int From, int To, nint Address)>();
        ParallelLoops.For(0, int.MaxValue, (in PinnedBuffers buffers, int chunk, int from, int to) => seen.Add((from, to, buffers.B1)), ParallelChunks.Pin(HugeAt(small, 0)), ParallelChunks.Pin(HugeWritableAt(small, 3)));
        Assert.Equal(int.MaxValue, seen.Sum(c => (long)c.To - c.From));
        Assert.Single(seen.Select(c => c.Address).Distinct());
    }

    [Fact]
    public void EntryPoints_On600MillionFloats_InPlace()
    {
        float[] values;
        try
        {
            values = new float[Huge];
        }
        catch (OutOfMemoryException)
        {
            output.WriteLine("Not run: 2.4 GB could not be allocated here.");
            return;
        }

        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = i & 1023;
            }

            // [Vectorize(Target = Target.Parallel)]: the overlap check, then the chunks, in place.
            LargeSpanKernels.HalfPlusOneParallel(values, values);

            // [Parallel]: a Prange loop over the span, pinned for its threads.
            LargeSpanKernels.AddOneParallel(values);
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != (i & 1023) * 0.5f + 2f)
                {
                    Assert.Fail($"element {i}: {values[i]}, expected {(i & 1023) * 0.5f + 2f}");
                }
            }
        }
        finally
        {
            values = null!;
            GC.Collect();
        }
    }
}
