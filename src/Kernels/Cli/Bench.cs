using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// <c>bench</c>: every workload in every form — the kernel as written, the generated code on one thread
/// (Target.Cpu), the generated code across threads, and a hand-written alternative where one exists — as a table
/// of wall-clock medians and speedups over the kernel as written, or JSON (<c>--json</c>). BenchmarkDotNet's
/// numbers are in bench/.
/// </summary>
internal static class Bench
{
    /// <summary>One workload's medians in milliseconds (null: no such form).</summary>
    internal sealed record Row(string Workload, double AsWritten, double? Cpu, double? Parallel, double? HandWritten, string? HandWrittenName);

    public static Command Command(Option<bool> quiet, TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (for machines)" };
        var quick = new Option<bool>("--quick") { Description = "Smaller inputs and fewer repeats (a smoke run)" };
        var command = new Command("bench", "Every workload as written, generated (one thread and threads) and hand-written: medians and speedups") { json, quick };
        command.SetAction(parsed => App.Guard(error, () =>
        {
            bool asJson = parsed.GetValue(json);
            TextWriter progress = parsed.GetValue(quiet) ? TextWriter.Null : error;
            List<Row> rows = Run(parsed.GetValue(quick), progress);
            if (asJson)
            {
                output.WriteLine(ToJson(rows));
            }
            else if (!parsed.GetValue(quiet))
            {
                WriteTable(rows, output);
            }

            return App.Ok;
        }));
        return command;
    }

    public static List<Row> Run(bool quick, TextWriter progress)
    {
        int repeats = quick ? 3 : 7;
        var rows = new List<Row>();
        void Add(Row row)
        {
            rows.Add(row);
            progress.WriteLine($"  {row.Workload}: as written {row.AsWritten:F2} ms, generated {row.Parallel ?? row.Cpu:F2} ms");
        }

        var random = new Random(7);

        // TV denoising, a fixed number of iterations (eps 0) on a noisy synthetic picture.
        int width = quick ? 256 : 1024, height = quick ? 192 : 768, tvIterations = quick ? 5 : 20;
        float[] picture = new float[width * height], denoised = new float[picture.Length], px = new float[picture.Length], py = new float[picture.Length];
        for (int i = 0; i < picture.Length; i++)
        {
            picture[i] = (i % width < width / 2 ? 0.25f : 0.75f) + (float)(random.NextDouble() - 0.5) * 0.2f;
        }

        Add(new Row($"TV denoise {width}x{height}, {tvIterations} iterations",
            Timing.Median(() => Denoising.TvChambolle(picture, denoised, px, py, width, height, 0.1f, 0, tvIterations), repeats),
            Timing.Median(() => Denoising.TvChambolleCpu(picture, denoised, px, py, width, height, 0.1f, 0, tvIterations), repeats),
            Timing.Median(() => Denoising.TvChambolleFast(picture, denoised, px, py, width, height, 0.1f, 0, tvIterations), repeats),
            null, null));

        // Grey dilation, 7×7 separable.
        float[] temp = new float[picture.Length], dilated = new float[picture.Length];
        Add(new Row($"dilation 7x7 separable {width}x{height}",
            Timing.Median(() => Morphology.DilateSeparable(picture, temp, dilated, width, height, 7), repeats),
            Timing.Median(() => Morphology.DilateSeparableCpu(picture, temp, dilated, width, height, 7), repeats),
            Timing.Median(() => Morphology.DilateSeparableFast(picture, temp, dilated, width, height, 7), repeats),
            null, null));

        // The seed's Julia set.
        int size = quick ? 200 : 1000;
        (double[] real, double[] imaginary) = Fractals.Grid(size);
        int[] counts = new int[real.Length];
        Add(new Row($"Julia {size}x{size}, maxiter 300",
            Timing.Median(() => { for (int i = 0; i < counts.Length; i++) counts[i] = Fractals.Escape(real[i], imaginary[i], -0.62772, -0.42193, 300); }, repeats),
            Timing.Median(() => Fractals.JuliaCounts(real, imaginary, -0.62772, -0.42193, 300, counts), repeats),
            Timing.Median(() => Fractals.JuliaCountsParallel(real, imaginary, -0.62772, -0.42193, 300, counts), repeats),
            null, null));

        // Softmax, against TensorPrimitives.SoftMax.
        int n = quick ? 100_000 : 1_000_000;
        double[] logits = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 20).ToArray(), probabilities = new double[n];
        Add(new Row($"softmax {n:N0} doubles",
            Timing.Median(() => Kernels.Softmax.Compute(logits, probabilities), repeats),
            Timing.Median(() => Kernels.Softmax.ComputeOneThread(logits, probabilities), repeats),
            Timing.Median(() => Kernels.Softmax.ComputeFast(logits, probabilities), repeats),
            Timing.Median(() => TensorPrimitives.SoftMax<double>(logits, probabilities), repeats), "TensorPrimitives.SoftMax"));

        // LU of a diagonally dominant matrix.
        int m = quick ? 64 : 256;
        var matrix = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                matrix[i, j] = random.NextDouble() + (i == j ? m : 0);
            }
        }

        var work = new double[m, m];
        Add(new Row($"LU {m}x{m}",
            Timing.Median(() => { Array.Copy(matrix, work, matrix.Length); LinearAlgebra.LuDecompose(work); }, repeats),
            Timing.Median(() => { Array.Copy(matrix, work, matrix.Length); LinearAlgebra.LuDecomposeOneThread(work); }, repeats),
            Timing.Median(() => { Array.Copy(matrix, work, matrix.Length); LinearAlgebra.LuDecomposeFast(work); }, repeats),
            null, null));

        // [GuVectorize] moving average over rows.
        int rowsCount = quick ? 100 : 1000;
        var series = new double[rowsCount, 1000];
        var averaged = new double[rowsCount, 1000];
        for (int i = 0; i < rowsCount; i++)
        {
            for (int j = 0; j < 1000; j++)
            {
                series[i, j] = random.NextDouble();
            }
        }

        double[] rowBuffer = new double[1000], resultBuffer = new double[1000];
        Add(new Row($"moving average {rowsCount}x1000",
            Timing.Median(() =>
            {
                for (int i = 0; i < rowsCount; i++)
                {
                    for (int j = 0; j < 1000; j++)
                    {
                        rowBuffer[j] = series[i, j];
                    }

                    Gufuncs.MovingAverage(rowBuffer, 8, resultBuffer);
                }
            }, repeats),
            Timing.Median(() => Gufuncs.MovingAverageRows(series, 8, averaged), repeats),
            Timing.Median(() => Gufuncs.MovingAverage(series, 8, averaged), repeats),
            null, null));

        // A [Vectorize] activation, against TensorPrimitives.Sigmoid.
        float[] xs = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray(), ys = new float[n];
        Add(new Row($"sigmoid {n:N0} floats",
            Timing.Median(() => { for (int i = 0; i < xs.Length; i++) ys[i] = Activations.Sigmoid(xs[i]); }, repeats),
            Timing.Median(() => Activations.Sigmoid(xs, ys), repeats),
            null,
            Timing.Median(() => TensorPrimitives.Sigmoid<float>(xs, ys), repeats), "TensorPrimitives.Sigmoid"));
        return rows;
    }

    public static void WriteTable(IReadOnlyList<Row> rows, TextWriter output)
    {
        output.WriteLine($"{"workload",-36} {"as written",11} {"generated Cpu",14} {"generated Parallel",19} {"hand-written",13}");
        foreach (Row row in rows)
        {
            output.WriteLine($"{row.Workload,-36} {row.AsWritten,8:F2} ms {Cell(row.Cpu, row.AsWritten),14} {Cell(row.Parallel, row.AsWritten),19} {Cell(row.HandWritten, row.AsWritten),13}");
        }

        output.WriteLine("(wall-clock medians; speedups over the kernel as written in parentheses; hand-written: TensorPrimitives)");
    }

    private static string Cell(double? milliseconds, double asWritten) =>
        milliseconds is { } value ? $"{value:F2} ({asWritten / value:F1}x)" : "-";

    public static string ToJson(IReadOnlyList<Row> rows) => JsonSerializer.Serialize(new
    {
        machine = new
        {
            processors = Environment.ProcessorCount,
            vector512 = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
            vector256 = System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
            runtime = Environment.Version.ToString(),
        },
        unit = "ms",
        rows = rows.Select(row => new
        {
            workload = row.Workload,
            as_written = row.AsWritten,
            generated_cpu = row.Cpu,
            generated_parallel = row.Parallel,
            hand_written = row.HandWritten,
            hand_written_name = row.HandWrittenName,
            speedup_cpu = row.Cpu is { } cpu ? row.AsWritten / cpu : (double?)null,
            speedup_parallel = row.Parallel is { } parallel ? row.AsWritten / parallel : (double?)null,
        }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
