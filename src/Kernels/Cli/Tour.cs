using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// The default tour (the README's first command): every seed workload on the bundled photo and on random data,
/// each checked against its kernel as written, the pictures written to the output folder, and a speed table.
/// </summary>
internal static class Tour
{
    /// <summary>The tour on a photo already read (<see cref="Images.ReadRgb24"/>): interleaved 8-bit RGB.</summary>
    public static int Run(string input, byte[] data, int width, int height, string outDirectory, bool quick, TextWriter log, TextWriter error)
    {
        var image = (Data: data, Width: width, Height: height);
        int pixels = image.Width * image.Height;
        log.WriteLine($"SourceGen demo: {Path.GetFileName(input)}, {image.Width}x{image.Height} RGB ({pixels:N0} pixels)");
        log.WriteLine($"SIMD: Vector512 {Accelerated(512)}, Vector256 {Accelerated(256)}, Vector128 {Accelerated(128)}");

        // Planar channels: each kernel input is one span.
        byte[] red = new byte[pixels], green = new byte[pixels], blue = new byte[pixels];
        for (int i = 0; i < pixels; i++)
        {
            red[i] = image.Data[3 * i];
            green[i] = image.Data[3 * i + 1];
            blue[i] = image.Data[3 * i + 2];
        }

        float[] luma = new float[pixels], contrasted = new float[pixels];
        byte[] grey = new byte[pixels];
        const float Gain = 6f;
        ImageKernels.Luma(red, green, blue, luma);
        ImageKernels.ContrastAll(luma, Gain, contrasted);
        ImageKernels.ToByte(contrasted, grey);

        // The generated entry points against the kernels as written, on the whole photo.
        int lumaMismatches = 0, byteMismatches = 0;
        double contrastError = 0;
        for (int i = 0; i < pixels; i++)
        {
            lumaMismatches += luma[i] == ImageKernels.Luma(red[i], green[i], blue[i]) ? 0 : 1;
            contrastError = Math.Max(contrastError, Math.Abs(contrasted[i] - ImageKernels.Contrast(luma[i], Gain)));
            byteMismatches += grey[i] == ImageKernels.ToByte(contrasted[i]) ? 0 : 1;
        }

        log.WriteLine($"check vs kernels as written: Luma {lumaMismatches} mismatches, ToByte {byteMismatches} mismatches, Contrast max |diff| {contrastError:G3}");
        Directory.CreateDirectory(outDirectory);
        string output = Path.Combine(outDirectory, "coffee_grey_contrast.png");
        Images.WriteGrey8(grey, image.Width, image.Height, output);
        log.WriteLine($"wrote {output}");

        // TV denoising (Chambolle, as scikit-image's denoise_tv_chambolle with weight 0.1, eps 2e-4, at most 200
        // iterations) of each RGB channel as floats in [0, 1], with the [Parallel] entry point.
        const float TvWeight = 0.1f, TvEps = 2e-4f;
        const int TvMaxIterations = 200;
        float[][] channels = new[] { red, green, blue }.Select(channel => channel.Select(v => v / 255f).ToArray()).ToArray();
        float[] denoised = new float[pixels], px = new float[pixels], py = new float[pixels];
        byte[] denoisedRgb = new byte[3 * pixels];
        var tvIterations = new int[3];
        long tvStart = Stopwatch.GetTimestamp();
        for (int c = 0; c < 3; c++)
        {
            tvIterations[c] = Denoising.TvChambolleFast(channels[c], denoised, px, py, image.Width, image.Height, TvWeight, TvEps, TvMaxIterations);
            for (int i = 0; i < pixels; i++)
            {
                denoisedRgb[3 * i + c] = (byte)Math.Clamp(MathF.Round(denoised[i] * 255f), 0f, 255f);
            }
        }

        double tvGenerated = Stopwatch.GetElapsedTime(tvStart).TotalMilliseconds;
        log.WriteLine($"TV denoising (Chambolle, weight {TvWeight}, eps {TvEps}): {string.Join("/", tvIterations)} iterations (R/G/B), {tvGenerated:F0} ms for 3 channels, generated [Parallel]");
        double tvAsWritten = double.NaN, tvGreenGenerated = double.NaN;
        if (!quick)
        {
            // The green channel again with the kernel as written (one thread, no SIMD): the reference and the speed baseline.
            float[] reference = new float[pixels];
            long start = Stopwatch.GetTimestamp();
            int referenceIterations = Denoising.TvChambolle(channels[1], reference, px, py, image.Width, image.Height, TvWeight, TvEps, TvMaxIterations);
            tvAsWritten = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            Denoising.TvChambolleFast(channels[1], denoised, px, py, image.Width, image.Height, TvWeight, TvEps, TvMaxIterations);
            tvGreenGenerated = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            double tvError = reference.Zip(denoised, (a, b) => (double)Math.Abs(a - b)).Max();
            log.WriteLine($"check vs kernel as written (green): {referenceIterations} iterations, max |diff| {tvError:G3}");
            if (referenceIterations != tvIterations[1] || tvError > 1e-4)
            {
                error.WriteLine("error: the generated TV denoising differs from the kernel as written by more than 1e-4");
                return 1;
            }
        }

        string denoisedOutput = Path.Combine(outDirectory, "coffee_denoised_tv.png");
        Images.WriteRgb24(denoisedRgb, image.Width, image.Height, denoisedOutput);
        log.WriteLine($"wrote {denoisedOutput}");

        // Before and after, side by side: a 480×360 crop from the middle of the photo, noisy on the left.
        const int CropWidth = 480, CropHeight = 360;
        int cropX = Math.Max(0, (image.Width - CropWidth) / 2), cropY = Math.Max(0, (image.Height - CropHeight) / 2);
        int cropW = Math.Min(CropWidth, image.Width), cropH = Math.Min(CropHeight, image.Height);
        byte[] sideBySide = new byte[2 * cropW * cropH * 3];
        for (int y = 0; y < cropH; y++)
        {
            for (int x = 0; x < cropW; x++)
            {
                int source = 3 * ((cropY + y) * image.Width + cropX + x);
                for (int c = 0; c < 3; c++)
                {
                    sideBySide[3 * (y * 2 * cropW + x) + c] = image.Data[source + c];
                    sideBySide[3 * (y * 2 * cropW + cropW + x) + c] = denoisedRgb[source + c];
                }
            }
        }

        string beforeAfter = Path.Combine(outDirectory, "coffee_tv_before_after.jpg");
        Images.WriteRgb24(sideBySide, 2 * cropW, cropH, beforeAfter);
        log.WriteLine($"wrote {beforeAfter}");

        // Grey dilation of the photo's luma (7×7 square, borders clamped), naive and separable: both exact.
        float[] dilated = new float[pixels], dilatedSeparable = new float[pixels], dilationTemp = new float[pixels], dilatedReference = new float[pixels];
        Morphology.Dilate(luma, dilatedReference, image.Width, image.Height, 7);
        Morphology.DilateFast(luma, dilated, image.Width, image.Height, 7);
        Morphology.DilateSeparableFast(luma, dilationTemp, dilatedSeparable, image.Width, image.Height, 7);
        int dilationMismatches = 0;
        for (int i = 0; i < pixels; i++)
        {
            dilationMismatches += (dilated[i].Equals(dilatedReference[i]) ? 0 : 1) + (dilatedSeparable[i].Equals(dilatedReference[i]) ? 0 : 1);
        }

        log.WriteLine($"Dilation 7x7 of the luma, naive and separable: {dilationMismatches} pixels differ from the kernel as written");

        // LU decomposition (no pivoting) of a 256×256 diagonally dominant matrix, and softmax of 10^6 doubles.
        const int LuSize = 256;
        var workloadRandom = new Random(1);
        var matrix = new double[LuSize, LuSize];
        for (int i = 0; i < LuSize; i++)
        {
            for (int j = 0; j < LuSize; j++)
            {
                matrix[i, j] = workloadRandom.NextDouble() - 0.5 + (i == j ? LuSize : 0);
            }
        }

        var luReference = (double[,])matrix.Clone();
        var luGenerated = (double[,])matrix.Clone();
        LinearAlgebra.LuDecompose(luReference);
        LinearAlgebra.LuDecomposeFast(luGenerated);
        int luMismatches = 0;
        for (int i = 0; i < LuSize; i++)
        {
            for (int j = 0; j < LuSize; j++)
            {
                luMismatches += luReference[i, j].Equals(luGenerated[i, j]) ? 0 : 1;
            }
        }

        log.WriteLine($"LU {LuSize}x{LuSize}: {luMismatches} factors differ from the kernel as written");
        double[] logits = new double[1_000_000];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = (workloadRandom.NextDouble() - 0.5) * 20;
        }

        double[] softmaxReference = new double[logits.Length], softmaxGenerated = new double[logits.Length];
        Softmax.Compute(logits, softmaxReference);
        Softmax.ComputeFast(logits, softmaxGenerated);
        double softmaxError = softmaxReference.Zip(softmaxGenerated, (a, b) => Math.Abs(a - b) / a).Max();
        log.WriteLine($"Softmax of 10^6 doubles: max relative difference {softmaxError:G3} from the kernel as written (FastMath sum)");
        if (dilationMismatches + luMismatches > 0 || softmaxError > 1e-12)
        {
            error.WriteLine("error: a [Parallel] workload differs from its kernel as written");
            return 1;
        }

        // The seed's Julia set: 1000×1000, 300 iterations, c = -0.62772 - 0.42193i; every count checked.
        const int JuliaSize = 1000, MaxIter = 300;
        const double Cr = -0.62772, Ci = -0.42193;
        (double[] gridReal, double[] gridImaginary) = Fractals.Grid(JuliaSize);
        int[] counts = new int[gridReal.Length], countsParallel = new int[gridReal.Length];
        Fractals.JuliaCounts(gridReal, gridImaginary, Cr, Ci, MaxIter, counts);
        Fractals.JuliaCountsParallel(gridReal, gridImaginary, Cr, Ci, MaxIter, countsParallel);
        int juliaMismatches = 0;
        long totalIterations = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            int expected = Fractals.Escape(gridReal[i], gridImaginary[i], Cr, Ci, MaxIter);
            juliaMismatches += counts[i] == expected && countsParallel[i] == expected ? 0 : 1;
            totalIterations += expected;
        }

        log.WriteLine($"Julia {JuliaSize}x{JuliaSize}, maxiter {MaxIter}: {juliaMismatches} of {counts.Length:N0} counts differ from the kernel as written (sum of counts {totalIterations:N0})");
        string juliaOutput = Path.Combine(outDirectory, "julia.png");
        Images.Write(new Picture(JuliaSize, JuliaSize, 8, ColorMaps.Apply("magma", Workloads.EscapeShade(counts, MaxIter))), juliaOutput);
        log.WriteLine($"wrote {juliaOutput}");

        // Speed: the kernel as written in a loop vs the generated entry point, caller-provided buffers.
        var random = new Random(2004);
        int n = 1 << 20;
        float[] xf = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        double[] xd = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        double[] yd = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        float[] rf = new float[n];
        double[] rd = new double[n];
        int repeats = quick ? 5 : 21;

        // The Mandelbrot set over the same grid shifted left by 0.5: c varies, z starts at 0.
        double[] mandelbrotReal = Array.ConvertAll(gridReal, r => r - 0.5);
        int[] mandelbrotCounts = new int[gridReal.Length];
        Fractals.MandelbrotCountsParallel(mandelbrotReal, gridImaginary, MaxIter, mandelbrotCounts);
        int mandelbrotMismatches = 0;
        for (int i = 0; i < mandelbrotCounts.Length; i++)
        {
            mandelbrotMismatches += mandelbrotCounts[i] == Fractals.Mandelbrot(mandelbrotReal[i], gridImaginary[i], MaxIter) ? 0 : 1;
        }

        log.WriteLine($"Mandelbrot {JuliaSize}x{JuliaSize}, maxiter {MaxIter}: {mandelbrotMismatches} counts differ from the kernel as written");

        int juliaRepeats = quick ? 3 : 7;
        Action juliaAsWritten = () => { for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.Escape(gridReal[i], gridImaginary[i], Cr, Ci, MaxIter); };
        var rows = new List<(string Name, double Scalar, double Generated)>
        {
            Row("Julia 1000x1000 (masked loop), Cpu", juliaRepeats, juliaAsWritten,
                () => Fractals.JuliaCounts(gridReal, gridImaginary, Cr, Ci, MaxIter, counts)),
            Row("Julia 1000x1000, Target.Parallel", juliaRepeats, juliaAsWritten,
                () => Fractals.JuliaCountsParallel(gridReal, gridImaginary, Cr, Ci, MaxIter, counts)),
            Row("Mandelbrot 1000x1000, Cpu", juliaRepeats,
                () => { for (int i = 0; i < mandelbrotCounts.Length; i++) mandelbrotCounts[i] = Fractals.Mandelbrot(mandelbrotReal[i], gridImaginary[i], MaxIter); },
                () => Fractals.MandelbrotCounts(mandelbrotReal, gridImaginary, MaxIter, mandelbrotCounts)),
            Row("Luma (3 x byte -> float), photo", repeats,
                () => { for (int i = 0; i < pixels; i++) luma[i] = ImageKernels.Luma(red[i], green[i], blue[i]); },
                () => ImageKernels.Luma(red, green, blue, luma)),
            Row("Contrast (float, exp), photo", repeats,
                () => { for (int i = 0; i < pixels; i++) contrasted[i] = ImageKernels.Contrast(luma[i], Gain); },
                () => ImageKernels.ContrastAll(luma, Gain, contrasted)),
            Row("ToByte (float -> byte), photo", repeats,
                () => { for (int i = 0; i < pixels; i++) grey[i] = ImageKernels.ToByte(contrasted[i]); },
                () => ImageKernels.ToByte(contrasted, grey)),
            Row("Sigmoid float, 1M", repeats,
                () => { for (int i = 0; i < n; i++) rf[i] = Activations.Sigmoid(xf[i]); },
                () => Activations.Sigmoid(xf, rf)),
            Row("Polynomial float, 1M", repeats,
                () => { for (int i = 0; i < n; i++) rf[i] = Activations.Polynomial(xf[i]); },
                () => Activations.Polynomial(xf, rf)),
            Row("Rel double, 1M", repeats,
                () => { for (int i = 0; i < n; i++) rd[i] = Activations.RelKernel(xd[i], yd[i]); },
                () => Activations.Rel(xd, yd, rd)),
            Row("Softplus double, 1M", repeats,
                () => { for (int i = 0; i < n; i++) rd[i] = Activations.Softplus(xd[i]); },
                () => Activations.Softplus(xd, rd)),
        };

        if (!double.IsNaN(tvAsWritten))
        {
            rows.Insert(0, ("TV denoise 1500x1125, 1 channel", tvAsWritten, tvGreenGenerated));
        }

        rows.Insert(1, Row("Dilation 7x7 separable, photo", quick ? 3 : 5,
            () => Morphology.DilateSeparable(luma, dilationTemp, dilatedSeparable, image.Width, image.Height, 7),
            () => Morphology.DilateSeparableFast(luma, dilationTemp, dilatedSeparable, image.Width, image.Height, 7)));
        rows.Insert(2, Row("LU 256x256 (double[,])", quick ? 3 : 5,
            () => { Array.Copy(matrix, luGenerated, matrix.Length); LinearAlgebra.LuDecompose(luGenerated); },
            () => { Array.Copy(matrix, luGenerated, matrix.Length); LinearAlgebra.LuDecomposeFast(luGenerated); }));
        rows.Insert(3, Row("Softmax 10^6 doubles", quick ? 3 : 5,
            () => Softmax.Compute(logits, softmaxGenerated),
            () => Softmax.ComputeFast(logits, softmaxGenerated)));

        log.WriteLine();
        log.WriteLine($"{"kernel",-34} {"as written",12} {"generated",12} {"speedup",8}");
        foreach ((string name, double scalar, double generated) in rows)
        {
            log.WriteLine($"{name,-34} {scalar,9:F3} ms {generated,9:F3} ms {scalar / generated,7:F1}x");
        }

        log.WriteLine("(medians of quick wall-clock timings after warm-up; bench/ has the BenchmarkDotNet numbers)");
        return lumaMismatches + byteMismatches + juliaMismatches + mandelbrotMismatches == 0 ? 0 : 1;
    }

    private static (string, double, double) Row(string name, int repeats, Action scalar, Action generated) =>
        (name, Timing.Median(scalar, repeats), Timing.Median(generated, repeats));

    internal static string Accelerated(int width) => width switch
    {
        512 => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "yes" : "no",
        256 => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "yes" : "no",
        _ => System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "yes" : "no",
    };

    internal static string? FindSample(string relative)
    {
        for (string? directory = Directory.GetCurrentDirectory(); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            string candidate = Path.Combine(directory, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
