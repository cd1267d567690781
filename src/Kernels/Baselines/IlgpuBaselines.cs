using System;
using ILGPU;
using ILGPU.Runtime;
using SourceGen.Gpu;

namespace SourceGen.Kernels.Baselines;

/// <summary>
/// What an expert writes by hand with ILGPU, to compare the generated Target.Gpu code against: TV denoising with
/// explicitly grouped kernels (256 threads) whose energy sums are reduced in shared memory, one atomic per
/// group; and the Julia set, a thread per point. Same results as the kernels as written (per pixel exactly; the
/// energies in another order).
/// </summary>
public static class IlgpuBaselines
{
    /// <summary>The most threads per group: 32×8 (a warp per row segment) on a GPU; ILGPU's CPU accelerator allows fewer.</summary>
    private const int GroupSize = 256;

    /// <summary><see cref="Denoising.TvChambolle"/> on <paramref name="accelerator"/>: the image and the dual field on the device for all iterations.</summary>
    public static int TvChambolle(Accelerator accelerator, ReadOnlySpan<float> image, Span<float> output, Span<float> px, Span<float> py, int width, int height, float weight, float eps, int maxIterations)
    {
        int n = width * height;
        if (n == 0)
        {
            return Denoising.TvChambolle(image, output, px, py, width, height, weight, eps, maxIterations);
        }

        var divergence = GpuRuntime.Kernel(accelerator, (Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>)Divergence,
            static loaded => loaded.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(Divergence));
        var project = GpuRuntime.Kernel(accelerator, (Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>)Project,
            static loaded => loaded.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>(Project));
        using MemoryBuffer1D<float, Stride1D.Dense> imageOnDevice = GpuRuntime.Upload(accelerator, image.Slice(0, n));
        using MemoryBuffer1D<float, Stride1D.Dense> outputOnDevice = GpuRuntime.Allocate<float>(accelerator, n);
        using MemoryBuffer1D<float, Stride1D.Dense> pxOnDevice = GpuRuntime.Allocate<float>(accelerator, n);
        using MemoryBuffer1D<float, Stride1D.Dense> pyOnDevice = GpuRuntime.Allocate<float>(accelerator, n);
        using MemoryBuffer1D<float, Stride1D.Dense> sums = GpuRuntime.Allocate<float>(accelerator, 2);
        pxOnDevice.MemSetToZero();
        pyOnDevice.MemSetToZero();
        int threads = Math.Min(GroupSize, accelerator.MaxNumThreadsPerGroup);
        int groupWidth = Math.Min(32, Math.Min(accelerator.MaxGroupSize.X, threads)), groupHeight = threads / groupWidth;
        var config = new KernelConfig(new Index2D((width + groupWidth - 1) / groupWidth, (height + groupHeight - 1) / groupHeight), new Index2D(groupWidth, groupHeight));
        float scale = (float)(0.25 / weight);
        float[] host = new float[2];
        float initialEnergy = 0, previousEnergy = 0;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            sums.MemSetToZero();
            divergence(config, imageOnDevice.View, outputOnDevice.View, pxOnDevice.View, pyOnDevice.View, sums.View.SubView(0, 1), width, height);
            project(config, outputOnDevice.View, pxOnDevice.View, pyOnDevice.View, sums.View.SubView(1, 1), width, height, scale);
            accelerator.Synchronize();
            sums.View.CopyToCPU(host);
            float energy = (host[0] + weight * host[1]) / (width * height);
            if (iteration == 0)
            {
                initialEnergy = energy;
                previousEnergy = energy;
            }
            else if (MathF.Abs(previousEnergy - energy) < eps * initialEnergy)
            {
                break;
            }
            else
            {
                previousEnergy = energy;
            }

            iteration++;
        }

        GpuRuntime.Download(accelerator, outputOnDevice, output.Slice(0, n));
        GpuRuntime.Download(accelerator, pxOnDevice, px.Slice(0, n));
        GpuRuntime.Download(accelerator, pyOnDevice, py.Slice(0, n));
        return iteration;
    }

    /// <summary>out = image + div p, one pixel per thread; the group's sum of (div p)² added once.</summary>
    private static void Divergence(ArrayView<float> image, ArrayView<float> output, ArrayView<float> px, ArrayView<float> py, ArrayView<float> energy, int width, int height)
    {
        int x = Grid.GlobalIndex.X, y = Grid.GlobalIndex.Y;
        float d2 = 0;
        if (x < width && y < height)
        {
            int i = y * width + x;
            float d = -(py[i] + px[i]) + (y > 0 ? py[i - width] : 0f) + (x > 0 ? px[i - 1] : 0f);
            output[i] = image[i] + d;
            d2 = d * d;
        }

        AddGroupSum(d2, energy);
    }

    /// <summary>The projection of p, one pixel per thread; the group's sum of |grad out| added once.</summary>
    private static void Project(ArrayView<float> output, ArrayView<float> px, ArrayView<float> py, ArrayView<float> normSum, int width, int height, float scale)
    {
        const float Tau = 0.25f;
        int x = Grid.GlobalIndex.X, y = Grid.GlobalIndex.Y;
        float norm = 0;
        if (x < width && y < height)
        {
            int i = y * width + x;
            float gy = y < height - 1 ? output[i + width] - output[i] : 0f;
            float gx = x < width - 1 ? output[i + 1] - output[i] : 0f;
            norm = MathF.Sqrt(gy * gy + gx * gx);
            float factor = norm * scale + 1f;
            py[i] = (py[i] - Tau * gy) / factor;
            px[i] = (px[i] - Tau * gx) / factor;
        }

        AddGroupSum(norm, normSum);
    }

    /// <summary>A tree sum over the group (a power of two of threads) in shared memory, every thread at every barrier, then one atomic.</summary>
    private static void AddGroupSum(float value, ArrayView<float> total)
    {
        ArrayView<float> shared = SharedMemory.Allocate<float>(GroupSize);
        int t = Group.LinearIndex;
        shared[t] = value;
        Group.Barrier();
        for (int stride = Group.Dimension.Size / 2; stride > 0; stride >>= 1)
        {
            if (t < stride)
            {
                shared[t] += shared[t + stride];
            }

            Group.Barrier();
        }

        if (t == 0)
        {
            Atomic.Add(ref total[0], shared[0]);
        }
    }

    /// <summary>The Julia set's escape counts on <paramref name="accelerator"/>, a thread per point.</summary>
    public static void JuliaCounts(Accelerator accelerator, ReadOnlySpan<double> zr, ReadOnlySpan<double> zi, double cr, double ci, int maxIter, Span<int> destination)
    {
        int n = destination.Length;
        if (n == 0)
        {
            return;
        }

        var launch = GpuRuntime.Kernel(accelerator, (Action<Index1D, ArrayView<double>, ArrayView<double>, double, double, int, ArrayView<int>>)Julia,
            static loaded => loaded.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, double, double, int, ArrayView<int>>(Julia));
        using MemoryBuffer1D<double, Stride1D.Dense> real = GpuRuntime.Upload(accelerator, zr.Slice(0, n));
        using MemoryBuffer1D<double, Stride1D.Dense> imaginary = GpuRuntime.Upload(accelerator, zi.Slice(0, n));
        using MemoryBuffer1D<int, Stride1D.Dense> counts = GpuRuntime.Allocate<int>(accelerator, n);
        launch(n, real.View, imaginary.View, cr, ci, maxIter, counts.View);
        GpuRuntime.Download(accelerator, counts, destination);
    }

    private static void Julia(Index1D index, ArrayView<double> zr, ArrayView<double> zi, double cr, double ci, int maxIter, ArrayView<int> counts)
    {
        double x = zr[index], y = zi[index];
        int n = 0;
        while (x * x + y * y < 4 && n < maxIter)
        {
            double t = x * x - y * y + cr;
            y = 2 * x * y + ci;
            x = t;
            n++;
        }

        counts[index] = n;
    }
}
