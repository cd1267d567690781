using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// One command per seed workload. Each runs the generated entry point, checks it against the kernel as written
/// where that is quick, writes its picture (if any) atomically, and prints one summary line (progress lines for
/// what takes longer, none with --quiet).
/// </summary>
internal static class Workloads
{
    public static IEnumerable<Command> Commands(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        yield return Denoise(quiet, output, error);
        yield return Fractal("julia", "Julia set z² + c, as a PNG or JPEG (log-scaled escape counts through a colour map)", julia: true, quiet, output, error);
        yield return Fractal("mandelbrot", "Mandelbrot set, as a PNG or JPEG (log-scaled escape counts through a colour map)", julia: false, quiet, output, error);
        yield return Dilate(quiet, output, error);
        yield return Softmax(quiet, output, error);
        yield return Lu(quiet, output, error);
        yield return MovingAverage(quiet, output, error);
        yield return Bench.Command(quiet, output, error);
    }

    private static Command Denoise(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("in") { Description = $"Picture to denoise: {Images.Formats} (8- or 16-bit, grey or RGB)" };
        var destination = new Argument<string>("out") { Description = "Denoised picture (.png keeps the input's depth; .jpg)" };
        Option<float> weight = Numbers.Float("--weight", "Denoising weight (greater: smoother)", 0.1f);
        Option<int> iterations = Numbers.Int("--iterations", "Most iterations per channel", 200);
        Option<float> eps = Numbers.Float("--eps", "Stop when the energy changes by less than eps times its first value", 2e-4f);
        Option<double> maxMegapixels = App.MaxMegapixelsOption();
        var precision = new Option<string>("--precision") { Description = "float or double", DefaultValueFactory = _ => "float" };
        precision.AcceptOnlyFromAmong("float", "double");
        Option<string> target = TargetOption();
        var command = new Command("denoise", "Total-variation denoising (Chambolle, as scikit-image's denoise_tv_chambolle), per channel")
        {
            input, destination, weight, iterations, eps, precision, target, maxMegapixels,
        };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            float w = parsed.GetValue(weight), e = parsed.GetValue(eps);
            int most = parsed.GetValue(iterations);
            Require(w > 0 && float.IsFinite(w), $"--weight must be a positive number, got {w}");
            Require(e >= 0 && float.IsFinite(e), $"--eps must be zero or positive, got {e}");
            Require(most >= 1, $"--iterations must be at least 1, got {most}");
            string on = parsed.GetValue(target)!;
            TextWriter log = parsed.GetValue(quiet) ? TextWriter.Null : output;
            string inputPath = parsed.GetValue(input)!, outputPath = parsed.GetValue(destination)!;
            long limit = Images.PixelLimit(parsed.GetValue(maxMegapixels));
            Images.CheckDestination(outputPath);
            Picture image = Images.Read(inputPath, limit);
            bool useDouble = parsed.GetValue(precision) == "double";
            ChooseDevice(on, log);

            int pixels = image.Width * image.Height;
            var planes = new float[image.Channels][];
            var counts = new int[image.Channels];
            double milliseconds = 0;
            for (int c = 0; c < image.Channels; c++)
            {
                planes[c] = new float[pixels];
                float[] plane = image.Planes[c], result = planes[c];
                milliseconds += Timing.Once(() => counts[c] = useDouble
                    ? DenoiseDouble(plane, result, image.Width, image.Height, w, e, most, on)
                    : DenoiseFloat(plane, result, image.Width, image.Height, w, e, most, on));
                if (image.Channels > 1)
                {
                    log.WriteLine($"  channel {c + 1}/{image.Channels}: {counts[c]} iterations");
                }
            }

            Images.Write(new Picture(image.Width, image.Height, image.BitDepth, planes), outputPath);
            log.WriteLine($"denoised {inputPath} ({image.Describe()}) into {outputPath}: weight {App.Format(w)}, {string.Join("/", counts)} iterations, {(useDouble ? "double" : "float")}, {Describe(on)}, {milliseconds:F0} ms");
            return App.Ok;
        }));
        return command;
    }

    /// <summary>--target: where the generated code runs.</summary>
    private static Option<string> TargetOption()
    {
        var target = new Option<string>("--target")
        {
            Description = "cpu (one thread, SIMD), parallel (threads and SIMD) or gpu (CUDA, else OpenCL, else the parallel CPU code, said once; SOURCEGEN_GPU=cpu|cuda|opencl chooses)",
            DefaultValueFactory = _ => "parallel",
        };
        target.AcceptOnlyFromAmong("cpu", "parallel", "gpu");
        return target;
    }

    /// <summary>For --target gpu, chooses the device before any work: a missing explicit device (SOURCEGEN_GPU) is a usage error, the CPU fallback a notice.</summary>
    private static void ChooseDevice(string target, TextWriter log)
    {
        if (target != "gpu")
        {
            return;
        }

        void Say(string notice) => log.WriteLine(notice);
        Gpu.GpuRuntime.RunningOnCpu += Say;
        try
        {
            Gpu.GpuRuntime.TryGetAccelerator(out _);
        }
        catch (Gpu.GpuUnavailableException unavailable)
        {
            throw new UsageException(unavailable.Message);
        }
        finally
        {
            Gpu.GpuRuntime.RunningOnCpu -= Say;
        }
    }

    private static string Describe(string target) => target == "gpu" ? $"gpu ({Gpu.GpuRuntime.Description})" : target;

    private static int DenoiseFloat(float[] image, float[] result, int width, int height, float weight, float eps, int most, string target)
    {
        float[] px = new float[image.Length], py = new float[image.Length];
        return target switch
        {
            "gpu" => Denoising.TvChambolleGpu(image, result, px, py, width, height, weight, eps, most),
            "parallel" => Denoising.TvChambolleFast(image, result, px, py, width, height, weight, eps, most),
            _ => Denoising.TvChambolleCpu(image, result, px, py, width, height, weight, eps, most),
        };
    }

    private static int DenoiseDouble(float[] image, float[] result, int width, int height, float weight, float eps, int most, string target)
    {
        double[] input = Array.ConvertAll(image, v => (double)v), output = new double[image.Length];
        double[] px = new double[image.Length], py = new double[image.Length];
        int count = target switch
        {
            "gpu" => Denoising.TvChambolleDoubleGpu(input, output, px, py, width, height, weight, eps, most),
            "parallel" => Denoising.TvChambolleDoubleFast(input, output, px, py, width, height, weight, eps, most),
            _ => Denoising.TvChambolleDoubleCpu(input, output, px, py, width, height, weight, eps, most),
        };
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)output[i];
        }

        return count;
    }

    private static Command Fractal(string name, string description, bool julia, Option<bool> quiet, TextWriter output, TextWriter error)
    {
        var destination = new Argument<string>("out") { Description = "Picture to write (.png or .jpg)" };
        Option<int> size = Numbers.Int("--size", "Width and height in pixels", 1000);
        Option<int> maxIterations = Numbers.Int("--maxiter", "Most iterations per pixel", 300);
        var colors = new Option<string>("--colors")
        {
            Description = "Colour map: magma (black, purple, orange, pale yellow), viridis (purple, teal, yellow) or grey",
            DefaultValueFactory = _ => "magma",
        };
        colors.AcceptOnlyFromAmong(ColorMaps.Names);
        var constant = new Option<string>("--c") { Description = "c as 're,im' (Julia only)", DefaultValueFactory = _ => "-0.62772,-0.42193" };
        Option<string> target = TargetOption();
        var command = new Command(name, description) { destination, size, maxIterations, target, colors };
        if (julia)
        {
            command.Add(constant);
        }

        command.SetAction(parsed => App.Guard(error, () =>
        {
            int n = parsed.GetValue(size), most = parsed.GetValue(maxIterations);
            Require(n >= 1 && n <= 20_000, $"--size must be between 1 and 20000, got {n}");
            Require(most >= 1, $"--maxiter must be at least 1, got {most}");
            (double cr, double ci) = julia ? ParseComplex(parsed.GetValue(constant)!) : (0, 0);
            Images.CheckDestination(parsed.GetValue(destination)!);
            string on = parsed.GetValue(target)!;
            TextWriter log = parsed.GetValue(quiet) ? TextWriter.Null : output;
            ChooseDevice(on, log);
            (double[] real, double[] imaginary) = Fractals.Grid(n);
            int[] counts = new int[real.Length];
            double milliseconds;
            if (julia)
            {
                milliseconds = Timing.Once(() =>
                {
                    switch (on)
                    {
                        case "gpu": Fractals.JuliaCountsGpu(real, imaginary, cr, ci, most, counts); break;
                        case "parallel": Fractals.JuliaCountsParallel(real, imaginary, cr, ci, most, counts); break;
                        default: Fractals.JuliaCounts(real, imaginary, cr, ci, most, counts); break;
                    }
                });
            }
            else
            {
                double[] shifted = Array.ConvertAll(real, r => r - 0.5);
                milliseconds = Timing.Once(() =>
                {
                    switch (on)
                    {
                        case "gpu": Fractals.MandelbrotCountsGpu(shifted, imaginary, most, counts); break;
                        case "parallel": Fractals.MandelbrotCountsParallel(shifted, imaginary, most, counts); break;
                        default: Fractals.MandelbrotCounts(shifted, imaginary, most, counts); break;
                    }
                });
            }

            string path = parsed.GetValue(destination)!;
            Images.Write(new Picture(n, n, 8, ColorMaps.Apply(parsed.GetValue(colors)!, EscapeShade(counts, most))), path);
            log.WriteLine($"{name} {n}x{n}, maxiter {most}{(julia ? $", c = {cr.ToString(CultureInfo.InvariantCulture)}{(ci < 0 ? "-" : "+")}{Math.Abs(ci).ToString(CultureInfo.InvariantCulture)}i" : "")}, {Describe(on)}: {milliseconds:F1} ms; wrote {path}");
            return App.Ok;
        }));
        return command;
    }

    private static Command Dilate(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("in") { Description = $"Picture to dilate: {Images.Formats}" };
        var destination = new Argument<string>("out") { Description = "Dilated picture (.png keeps the input's depth; .jpg)" };
        Option<int> size = Numbers.Int("--size", "Side of the square window (odd)", 7);
        Option<double> maxMegapixels = App.MaxMegapixelsOption();
        var command = new Command("dilate", "Grey dilation (maximum over a square window, borders clamped), per channel") { input, destination, size, maxMegapixels };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            int k = parsed.GetValue(size);
            Require(k >= 1 && k % 2 == 1 && k <= 1001, $"--size must be an odd number from 1 to 1001, got {k}");
            string inputPath = parsed.GetValue(input)!, outputPath = parsed.GetValue(destination)!;
            long limit = Images.PixelLimit(parsed.GetValue(maxMegapixels));
            Images.CheckDestination(outputPath);
            Picture image = Images.Read(inputPath, limit);
            int pixels = image.Width * image.Height;
            float[] temp = new float[pixels];
            var planes = image.Planes.Select(_ => new float[pixels]).ToArray();
            double milliseconds = 0;
            for (int c = 0; c < image.Channels; c++)
            {
                float[] plane = image.Planes[c], result = planes[c];
                milliseconds += Timing.Once(() => Morphology.DilateSeparableFast(plane, temp, result, image.Width, image.Height, k));
            }

            Images.Write(new Picture(image.Width, image.Height, image.BitDepth, planes), outputPath);
            (parsed.GetValue(quiet) ? TextWriter.Null : output).WriteLine($"dilated {inputPath} ({image.Describe()}) with a {k}x{k} window into {outputPath}: {milliseconds:F1} ms");
            return App.Ok;
        }));
        return command;
    }

    private static Command Softmax(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        Option<int> count = Numbers.Int("--n", "Number of doubles", 1_000_000);
        var command = new Command("softmax", "Softmax of random doubles: generated (threads, SIMD, FastMath) against the kernel as written") { count };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            int n = parsed.GetValue(count);
            Require(n >= 1, $"--n must be at least 1, got {n}");
            var random = new Random(1);
            double[] x = new double[n], expected = new double[n], actual = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = (random.NextDouble() - 0.5) * 20;
            }

            double asWritten = Timing.Median(() => Kernels.Softmax.Compute(x, expected), 5);
            double generated = Timing.Median(() => Kernels.Softmax.ComputeFast(x, actual), 5);
            double difference = expected.Zip(actual, (a, b) => Math.Abs(a - b) / a).Max();
            return Report(parsed.GetValue(quiet) ? TextWriter.Null : output, error, $"softmax of {n:N0} doubles", asWritten, generated, $"max relative difference {difference:G3}", difference <= 1e-12);
        }));
        return command;
    }

    private static Command Lu(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        Option<int> size = Numbers.Int("--n", "Matrix size", 256);
        var command = new Command("lu", "LU decomposition (no pivoting) of a diagonally dominant double[,]: generated against the kernel as written") { size };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            int n = parsed.GetValue(size);
            Require(n >= 1 && n <= 8192, $"--n must be between 1 and 8192, got {n}");
            var random = new Random(1);
            var expected = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    expected[i, j] = random.NextDouble() - 0.5 + (i == j ? n : 0);
                }
            }

            var matrix = (double[,])expected.Clone();
            var actual = new double[n, n];
            double asWritten = Timing.Median(() => { Array.Copy(matrix, expected, matrix.Length); LinearAlgebra.LuDecompose(expected); }, 5);
            double generated = Timing.Median(() => { Array.Copy(matrix, actual, matrix.Length); LinearAlgebra.LuDecomposeFast(actual); }, 5);
            int mismatches = expected.Cast<double>().Zip(actual.Cast<double>(), (a, b) => a.Equals(b) ? 0 : 1).Sum();
            return Report(parsed.GetValue(quiet) ? TextWriter.Null : output, error, $"LU {n}x{n}", asWritten, generated, $"{mismatches} factors differ", mismatches == 0);
        }));
        return command;
    }

    private static Command MovingAverage(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        Option<int> rows = Numbers.Int("--rows", "Rows", 1000);
        Option<int> columns = Numbers.Int("--cols", "Columns", 1000);
        Option<int> window = Numbers.Int("--window", "Window length", 8);
        var command = new Command("movavg", "Moving average over the rows of a double[,] ([GuVectorize] \"(n),()->(n)\"), against the kernel looped by hand") { rows, columns, window };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            int r = parsed.GetValue(rows), c = parsed.GetValue(columns), w = parsed.GetValue(window);
            Require(r >= 0 && c >= 0 && (long)r * c <= 100_000_000, $"--rows and --cols must be zero or positive, at most 10^8 elements, got {r}x{c}");
            Require(w >= 1, $"--window must be at least 1, got {w}");
            var random = new Random(1);
            var a = new double[r, c];
            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < c; j++)
                {
                    a[i, j] = random.NextDouble();
                }
            }

            var expected = new double[r, c];
            var actual = new double[r, c];
            double asWritten = Timing.Median(() =>
            {
                var row = new double[c];
                var result = new double[c];
                for (int i = 0; i < r; i++)
                {
                    for (int j = 0; j < c; j++)
                    {
                        row[j] = a[i, j];
                    }

                    Gufuncs.MovingAverage(row, w, result);
                    for (int j = 0; j < c; j++)
                    {
                        expected[i, j] = result[j];
                    }
                }
            }, 5);
            double generated = Timing.Median(() => Gufuncs.MovingAverage(a, w, actual), 5);
            int mismatches = expected.Cast<double>().Zip(actual.Cast<double>(), (x, y) => x.Equals(y) ? 0 : 1).Sum();
            return Report(parsed.GetValue(quiet) ? TextWriter.Null : output, error, $"moving average {r}x{c}, window {w}", asWritten, generated, $"{mismatches} values differ", mismatches == 0);
        }));
        return command;
    }

    private static int Report(TextWriter log, TextWriter error, string what, double asWritten, double generated, string check, bool equal)
    {
        log.WriteLine($"{what}: as written {asWritten:F2} ms, generated {generated:F2} ms ({asWritten / generated:F1}x); {check}");
        if (!equal)
        {
            error.WriteLine($"error: {what}: the generated code differs from the kernel as written ({check})");
            return App.Failure;
        }

        return App.Ok;
    }

    /// <summary>Escape counts as shades in [0, 1], log-scaled so that the slowly escaping filaments show; the set itself is 1.</summary>
    internal static float[] EscapeShade(int[] counts, int most) =>
        Array.ConvertAll(counts, count => (float)(Math.Log(1 + count) / Math.Log(1 + most)));

    private static (double Real, double Imaginary) ParseComplex(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double imaginary)
            && double.IsFinite(real) && double.IsFinite(imaginary))
        {
            return (real, imaginary);
        }

        throw new UsageException($"--c must be 're,im' (for example -0.8,0.156), got '{text}'");
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UsageException(message);
        }
    }
}
