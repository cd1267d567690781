namespace SourceGen.Generator.Emitting;

/// <summary>
/// How a value crosses to an ILGPU kernel: a kernel's arguments are blittable, so a bool crosses as a byte (0 or 1)
/// and is read back with <c>!= 0</c>; every other element type crosses as it is. And how a call holds the
/// accelerator it launches on. Shared by the three GPU emitters.
/// </summary>
internal static class GpuValues
{
    /// <summary>The accelerator inside <see cref="OpenLease"/>.</summary>
    public const string LeasedAccelerator = "sourceGenLease.Accelerator";

    /// <summary>
    /// Opens a <c>Target.Gpu</c> dispatch: when the runtime has an accelerator, a lease on it held (<c>using</c>) for
    /// the whole call, so that a change of <c>GpuRuntime.Preference</c> meanwhile cannot dispose it under the launch.
    /// Two blocks: the caller closes both.
    /// </summary>
    public static void OpenLease(IndentedWriter w)
    {
        // IsDynamicCodeSupported is a constant false under NativeAOT (where TryAcquire has already fallen back or thrown):
        // the compiler then drops the ILGPU launch, whose reflection would fail the publish (IL2104/IL3053).
        w.Open("if (global::SourceGen.Gpu.GpuRuntime.TryAcquire(out global::SourceGen.Gpu.GpuLease? sourceGenLease) && global::System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)");
        w.Open("using (sourceGenLease)");
    }

    /// <summary>The type a value of <paramref name="type"/> (a C# keyword) has on the device.</summary>
    public static string DeviceType(string type) => type == "bool" ? "byte" : type;

    /// <summary>The host expression <paramref name="value"/> as the device stores it.</summary>
    public static string ToDevice(string type, string value) => type == "bool" ? $"{value} ? (byte)1 : (byte)0" : value;

    /// <summary>The device's stored <paramref name="stored"/> as the kernel reads it.</summary>
    public static string FromDevice(string type, string stored) => type == "bool" ? $"{stored} != 0" : stored;
}
