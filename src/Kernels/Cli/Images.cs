using System;
using System.IO;
using System.Linq;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace SourceGen.Kernels.Cli;

/// <summary>A picture as planes of floats in [0, 1]: one plane (grey) or three (red, green, blue), and the bit depth it came with.</summary>
internal sealed class Picture
{
    public Picture(int width, int height, int bitDepth, float[][] planes)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Planes = planes;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>8 or 16: a PNG output keeps its input's depth.</summary>
    public int BitDepth { get; }

    public float[][] Planes { get; }

    public int Channels => Planes.Length;

    public string Describe() => $"{Width}x{Height} {(Channels == 1 ? "grey" : "RGB")} {BitDepth}-bit";
}

/// <summary>
/// All image input and output, with SixLabors.ImageSharp 2.1: reads PNG (1- to 16-bit), JPEG, TIFF, BMP, GIF and WebP
/// (the first frame; alpha is dropped), writes PNG (8- or 16-bit, grey or RGB) and JPEG. Before decoding, the header
/// (<see cref="Image.Identify(Configuration, byte[], out IImageFormat)"/>) is checked against a pixel limit and the
/// file's structure against <see cref="ImageChecks"/>: every bad file is a <see cref="UsageException"/> naming the file.
/// </summary>
internal static class Images
{
    /// <summary>The default pixel limit, in megapixels: 8000 x 8000. Denoising needs about 40 bytes per pixel (float, RGB).</summary>
    public const double DefaultMaxMegapixels = 64;

    public const string Formats = "PNG, JPEG, TIFF, BMP, GIF, WebP";

    /// <summary>
    /// The formats read; TGA and PBM, which ImageSharp also reads, are left out: a TGA file has no signature (any
    /// bytes may pass for one) and neither has a structure to check for truncation. GIF and TIFF decode their first
    /// frame only; each allocation is capped as well.
    /// </summary>
    private static readonly Configuration Decoding = CreateConfiguration();

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(), new JpegConfigurationModule(), new TiffConfigurationModule(),
            new BmpConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = 4096 });
        return configuration;
    }

    /// <summary>The limit in pixels for <paramref name="megapixels"/>: a usage error unless it is positive.</summary>
    public static long PixelLimit(double megapixels) =>
        megapixels > 0 && megapixels <= 1e6 ? (long)(megapixels * 1e6) : throw new UsageException($"--max-megapixels must be more than 0 and at most 1000000, got {App.Format(megapixels)}");

    /// <summary>Reads an image as float planes: grey stays one plane, colour is three, 16-bit sources keep 16 bits.</summary>
    public static Picture Read(string path, long maxPixels)
    {
        (byte[] bytes, Layout layout) = Open(path, maxPixels);
        return Decode(path, () => layout switch
        {
            { Grey: true, SixteenBit: true } => Planes(Image.Load<L16>(Decoding, bytes), layout, (p, _) => p.PackedValue / 65535f),
            { Grey: true } => Planes(Image.Load<L8>(Decoding, bytes), layout, (p, _) => p.PackedValue / 255f),
            { SixteenBit: true } => Planes(Image.Load<Rgb48>(Decoding, bytes), layout, (p, c) => (c == 0 ? p.R : c == 1 ? p.G : p.B) / 65535f),
            _ => Planes(Image.Load<Rgb24>(Decoding, bytes), layout, (p, c) => (c == 0 ? p.R : c == 1 ? p.G : p.B) / 255f),
        });
    }

    /// <summary>Reads an image as interleaved 8-bit RGB (the tour's photo).</summary>
    public static (byte[] Rgb, int Width, int Height) ReadRgb24(string path, long maxPixels)
    {
        (byte[] bytes, _) = Open(path, maxPixels);
        return Decode(path, () =>
        {
            using Image<Rgb24> image = Image.Load<Rgb24>(Decoding, bytes);
            byte[] rgb = new byte[3 * image.Width * image.Height];
            image.CopyPixelDataTo(rgb);
            return (rgb, image.Width, image.Height);
        });
    }

    /// <summary>Grey or colour, 8 or 16 bits per sample, and how many frames: from the checked file's own header.</summary>
    private readonly record struct Layout(bool Grey, bool SixteenBit, int Frames);

    /// <summary>The file's bytes once its header is within the pixel limit and its structure is whole.</summary>
    private static (byte[] Bytes, Layout Layout) Open(string path, long maxPixels)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"'{path}' is a folder, not an image");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"input file not found: {path}");
        }

        byte[] bytes;
        try
        {
            // No image within the limit is larger than 16 bytes a pixel (32-bit float RGBA) plus its metadata.
            long length = new FileInfo(path).Length, most = Math.Min(maxPixels * 16 + (16 << 20), Array.MaxLength);
            if (length > most)
            {
                throw new UsageException($"cannot read '{path}': {length:N0} bytes is more than an image within the pixel limit can need");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {Reason(exception)}");
        }

        IImageFormat? format;
        IImageInfo? info;
        try
        {
            info = Image.Identify(Decoding, bytes, out format);
        }
        catch (Exception exception) when (!App.IsOutOfMemory(exception))
        {
            throw new UsageException($"cannot read '{path}': {Reason(exception)}");
        }

        if (info is null || format is null)
        {
            throw new UsageException($"cannot read '{path}': not an image in a format this program reads ({Formats})");
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new UsageException($"cannot read '{path}': the {format.Name} header gives no pixels ({info.Width}x{info.Height})");
        }

        CheckLimit(path, info.Width, info.Height, 1, maxPixels);
        Layout layout;
        try
        {
            layout = Check(format, bytes);
        }
        catch (BadImageException exception)
        {
            throw new UsageException($"cannot read '{path}' as {format.Name}: {exception.Message}");
        }

        CheckLimit(path, info.Width, info.Height, layout.Frames, maxPixels);
        return (bytes, layout);
    }

    private static void CheckLimit(string path, int width, int height, int frames, long maxPixels)
    {
        long pixels = (long)width * height * frames;
        if (pixels > maxPixels)
        {
            string size = frames > 1 ? $"{frames} frames of {width}x{height}" : $"{width}x{height}";
            throw new UsageException($"'{path}' is {size} ({pixels / 1e6:0.######} megapixels), above the limit of {maxPixels / 1e6:0.######} megapixels; --max-megapixels raises it");
        }
    }

    private static Layout Check(IImageFormat format, byte[] bytes)
    {
        switch (format)
        {
            case PngFormat:
                ImageChecks.Png(bytes);
                return new Layout(Grey: bytes[25] is 0 or 4, SixteenBit: bytes[24] == 16, 1); // IHDR's colour type and bit depth
            case JpegFormat:
                return new Layout(ImageChecks.Jpeg(bytes) == 1, false, 1);
            case TiffFormat:
                (bool grey, bool sixteen) = ImageChecks.Tiff(bytes);
                return new Layout(grey, sixteen, 1);
            case BmpFormat:
                ImageChecks.Bmp(bytes);
                return new Layout(false, false, 1);
            case GifFormat:
                ImageChecks.Gif(bytes);
                return new Layout(false, false, 1);
            case WebpFormat:
                return new Layout(false, false, ImageChecks.Webp(bytes));
            default:
                throw new BadImageException($"not a format this program reads ({Formats})");
        }
    }

    /// <summary>Runs a decode: ImageSharp's exceptions (or any other a hostile file may cause) become one line naming the file; running out of memory stays what it is.</summary>
    private static T Decode<T>(string path, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception exception) when (!App.IsOutOfMemory(exception))
        {
            throw new UsageException($"cannot read '{path}' as an image: {Reason(exception)}");
        }
    }

    private static Picture Planes<TPixel>(Image<TPixel> image, Layout layout, Func<TPixel, int, float> sample)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using (image)
        {
            int width = image.Width, height = image.Height, channels = layout.Grey ? 1 : 3;
            var planes = new float[channels][];
            for (int c = 0; c < channels; c++)
            {
                planes[c] = new float[width * height];
            }

            var pixels = new TPixel[width * height];
            image.CopyPixelDataTo(pixels);
            for (int c = 0; c < channels; c++)
            {
                float[] plane = planes[c];
                for (int i = 0; i < pixels.Length; i++)
                {
                    plane[i] = sample(pixels[i], c);
                }
            }

            return new Picture(width, height, layout.SixteenBit ? 16 : 8, planes);
        }
    }

    /// <summary>A readable one-line reason: no control characters (a corrupt chunk name once printed NUL bytes), no trailing period.</summary>
    internal static string Reason(Exception exception)
    {
        var text = new StringBuilder();
        foreach (char c in exception.Message)
        {
            text.Append(char.IsControl(c) ? (c is '\n' or '\r' or '\t' ? " " : $"\\x{(int)c:X2}") : c.ToString());
        }

        string reason = string.Join(" ", text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return reason.Length > 0 ? reason : exception.GetType().Name;
    }

    /// <summary>Checks an output path before any work: a .png/.jpg name in a folder that exists.</summary>
    public static void CheckDestination(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            throw new UsageException($"unsupported output format '{extension}': write .png or .jpg");
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"the output '{path}' is a folder");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new UsageException($"output folder does not exist: {directory}");
        }
    }

    /// <summary>Writes <paramref name="picture"/> as PNG (its depth) or, for a .jpg/.jpeg path, JPEG (8-bit, quality 90).</summary>
    public static void Write(Picture picture, string path)
    {
        CheckDestination(path);
        int pixels = picture.Width * picture.Height;
        bool png = Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase);
        float[][] p = picture.Planes;
        if (png && picture.BitDepth == 16)
        {
            if (picture.Channels == 1)
            {
                Save(path, Image.LoadPixelData(Enumerable.Range(0, pixels).Select(i => new L16(To16(p[0][i]))).ToArray(), picture.Width, picture.Height), true);
            }
            else
            {
                Save(path, Image.LoadPixelData(Enumerable.Range(0, pixels).Select(i => new Rgb48(To16(p[0][i]), To16(p[1][i]), To16(p[2][i]))).ToArray(), picture.Width, picture.Height), true);
            }
        }
        else if (picture.Channels == 1)
        {
            WriteGrey8(Array.ConvertAll(p[0], ToByte), picture.Width, picture.Height, path);
        }
        else
        {
            byte[] rgb = new byte[3 * pixels];
            for (int i = 0; i < pixels; i++)
            {
                (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (ToByte(p[0][i]), ToByte(p[1][i]), ToByte(p[2][i]));
            }

            WriteRgb24(rgb, picture.Width, picture.Height, path);
        }
    }

    public static void WriteGrey8(byte[] grey, int width, int height, string path) =>
        Save(path, Image.LoadPixelData<L8>(grey, width, height), false);

    public static void WriteRgb24(byte[] rgb, int width, int height, string path) =>
        Save(path, Image.LoadPixelData<Rgb24>(rgb, width, height), false);

    private static void Save<TPixel>(string path, Image<TPixel> image, bool sixteenBit)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        bool grey = typeof(TPixel) == typeof(L8) || typeof(TPixel) == typeof(L16);
        IImageEncoder encoder = Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase)
            ? new PngEncoder
            {
                BitDepth = sixteenBit ? PngBitDepth.Bit16 : PngBitDepth.Bit8,
                ColorType = grey ? PngColorType.Grayscale : PngColorType.Rgb,
            }
            : new JpegEncoder { Quality = 90, ColorType = grey ? JpegColorType.Luminance : JpegColorType.YCbCrRatio420 };
        using (image)
        {
            try
            {
                AtomicFile.Write(path, stream => image.Save(stream, encoder));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot write '{path}': {Reason(exception)}", exception);
            }
        }
    }

    public static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);

    private static ushort To16(float value) => (ushort)Math.Clamp(MathF.Round(value * 65535f), 0f, 65535f);
}
