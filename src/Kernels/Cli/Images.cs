using System;
using System.IO;
using StbImageSharp;
using StbImageWriteSharp;
using ReadComponents = StbImageSharp.ColorComponents;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace SourceGen.Kernels.Cli;

/// <summary>A picture as planes of floats in [0, 1]: one plane (grey) or three (red, green, blue), and the bit depth it came with.</summary>
internal sealed class Image
{
    public Image(int width, int height, int bitDepth, float[][] planes)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Planes = planes;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>8 or 16: an output keeps its input's depth.</summary>
    public int BitDepth { get; }

    public float[][] Planes { get; }

    public int Channels => Planes.Length;

    public string Describe() => $"{Width}x{Height} {(Channels == 1 ? "grey" : "RGB")} {BitDepth}-bit";
}

/// <summary>
/// Reads PNG (8- and 16-bit, grey or colour; alpha is dropped) and JPEG; writes PNG with the image's depth and
/// channels, or JPEG. Writes go to a temporary file that replaces the destination only when complete.
/// </summary>
internal static class Images
{
    public static Image Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"input file not found: {path}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {exception.Message}");
        }

        try
        {
            if (Png16.IsSixteenBit(bytes))
            {
                return Png16.Decode(bytes);
            }

            ImageInfo? info = ImageInfo.FromStream(new MemoryStream(bytes));
            if (info is null)
            {
                throw new UsageException($"'{path}' is not a PNG or JPEG image");
            }

            bool grey = info.Value.ColorComponents is ReadComponents.Grey or ReadComponents.GreyAlpha;
            ImageResult result = ImageResult.FromMemory(bytes, grey ? ReadComponents.Grey : ReadComponents.RedGreenBlue);
            int channels = grey ? 1 : 3, pixels = result.Width * result.Height;
            if (pixels == 0)
            {
                throw new UsageException($"'{path}' has no pixels");
            }

            var planes = new float[channels][];
            for (int c = 0; c < channels; c++)
            {
                planes[c] = new float[pixels];
                for (int i = 0; i < pixels; i++)
                {
                    planes[c][i] = result.Data[channels * i + c] / 255f;
                }
            }

            return new Image(result.Width, result.Height, 8, planes);
        }
        catch (Exception exception) when (exception is InvalidOperationException or InvalidDataException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new UsageException($"cannot read '{path}' as an image: {exception.Message}");
        }
    }

    /// <summary>Checks an output path before any work: a .png/.jpg name in a folder that exists.</summary>
    public static void CheckDestination(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            throw new UsageException($"unsupported output format '{extension}': write .png or .jpg");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UsageException($"output folder does not exist: {directory}");
        }
    }

    /// <summary>Writes <paramref name="image"/> as PNG (its depth) or, for a .jpg/.jpeg path, JPEG (8-bit, quality 90).</summary>
    public static void Write(Image image, string path)
    {
        CheckDestination(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();

        WriteAtomically(path, stream =>
        {
            if (extension == ".png" && image.BitDepth == 16)
            {
                Png16.Encode(image, stream);
                return;
            }

            byte[] data = Interleave8(image);
            var components = image.Channels == 1 ? WriteComponents.Grey : WriteComponents.RedGreenBlue;
            if (extension == ".png")
            {
                new ImageWriter().WritePng(data, image.Width, image.Height, components, stream);
            }
            else
            {
                new ImageWriter().WriteJpg(data, image.Width, image.Height, components, stream, 90);
            }
        });
    }

    /// <summary>Writes to <c>path.tmp</c> first, then moves it over <paramref name="path"/>: no half-written file on failure.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string temporary = path + ".tmp";
        try
        {
            using (FileStream stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);

    private static byte[] Interleave8(Image image)
    {
        int pixels = image.Width * image.Height, channels = image.Channels;
        byte[] data = new byte[pixels * channels];
        for (int c = 0; c < channels; c++)
        {
            float[] plane = image.Planes[c];
            for (int i = 0; i < pixels; i++)
            {
                data[channels * i + c] = ToByte(plane[i]);
            }
        }

        return data;
    }
}
