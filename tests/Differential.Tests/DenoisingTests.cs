using System;
using System.Linq;
using SourceGen.Differential.Tests.Harness;
using SourceGen.Kernels;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>src/Kernels' TV denoising: the generated entry points against the kernels as written, on small and odd sizes.</summary>
public class DenoisingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 37)]
    [InlineData(37, 1)]
    [InlineData(17, 13)]
    [InlineData(100, 41)]
    [InlineData(257, 3)]
    public void TvChambolle_Float_IsWithin1e4OfTheKernel(int width, int height)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        float[] image = Enumerable.Range(0, width * height).Select(i => (float)(((i % width) / (double)Math.Max(1, width - 1)) + 0.3 * (random.Unit() - 0.5))).ToArray();
        float[] expected = new float[image.Length], fast = new float[image.Length], ordered = new float[image.Length];
        float[] px = new float[image.Length], py = new float[image.Length];
        // The stopping test compares the change of an energy summed in another order (chunk partials, SIMD lanes)
        // with eps × the first energy. Float rounding moves that change by up to about 1% of the threshold, and near
        // the threshold that decides between stopping now and many iterations later (seen: 5 vs 22; a 0.1% change of
        // eps alone moves the kernel's own stop from 5 to 27 for some images). So the generated entry points may stop
        // anywhere the kernel stops for an eps within 1%, give or take one iteration.
        int iterations = Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 2e-4f, 200);
        int earliest = Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 2e-4f * 1.01f, 200);
        int latest = Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 2e-4f * 0.99f, 200);
        int fastIterations = Denoising.TvChambolleFast(image, fast, px, py, width, height, 0.1f, 2e-4f, 200);
        int orderedIterations = Denoising.TvChambolleOrdered(image, ordered, px, py, width, height, 0.1f, 2e-4f, 200);
        Assert.True(fastIterations >= earliest - 1 && fastIterations <= latest + 1 && orderedIterations >= earliest - 1 && orderedIterations <= latest + 1,
            $"{width}x{height}, SOURCEGEN_SEED={Inputs.Seed}, {Check.Width()}: the kernel stopped after {iterations} iterations ({earliest} to {latest} for eps within 1%), FastMath after {fastIterations}, ordered after {orderedIterations}");
        Denoising.TvChambolle(image, expected, px, py, width, height, 0.1f, 0f, 40);
        Assert.Equal(40, Denoising.TvChambolleFast(image, fast, px, py, width, height, 0.1f, 0f, 40));
        Assert.Equal(40, Denoising.TvChambolleOrdered(image, ordered, px, py, width, height, 0.1f, 0f, 40));
        for (int i = 0; i < image.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - fast[i]) <= 1e-4f, $"FastMath, pixel {i}: kernel {expected[i]}, generated {fast[i]}");
            Assert.True(Math.Abs(expected[i] - ordered[i]) <= 1e-4f, $"ordered, pixel {i}: kernel {expected[i]}, generated {ordered[i]}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(33, 9)]
    [InlineData(64, 64)]
    public void TvChambolle_Double_IsWithin1e4OfTheKernel(int width, int height)
    {
        var random = new Inputs.SplitMix64(Inputs.Seed);
        double[] image = Enumerable.Range(0, width * height).Select(_ => random.Unit()).ToArray();
        double[] expected = new double[image.Length], actual = new double[image.Length];
        double[] px = new double[image.Length], py = new double[image.Length];
        int iterations = Denoising.TvChambolleDouble(image, expected, px, py, width, height, 0.1, 2e-4, 200);
        Assert.InRange(Denoising.TvChambolleDoubleFast(image, actual, px, py, width, height, 0.1, 2e-4, 200), iterations - 1, iterations + 1);
        Denoising.TvChambolleDouble(image, expected, px, py, width, height, 0.1, 0, 40);
        Assert.Equal(40, Denoising.TvChambolleDoubleFast(image, actual, px, py, width, height, 0.1, 0, 40));
        for (int i = 0; i < image.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"pixel {i}: kernel {expected[i]}, generated {actual[i]}");
        }
    }
}
