using System;
using SourceGen;
using static SourceGen.Loops;

namespace KernelLibrary;

/// <summary>Per-particle formulas and small simulations.</summary>
public static partial class Physics
{
    static double KineticEnergy(double mass, double velocity) => 0.5 * mass * velocity * velocity;

    [Vectorize(nameof(KineticEnergy))]
    public static partial void KineticEnergy(ReadOnlySpan<double> mass, ReadOnlySpan<double> velocity, Span<double> destination);

    /// <summary>Great-circle distance in km between two points given in radians.</summary>
    static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = lat2 - lat1;
        double dLon = lon2 - lon1;
        double sinLat = Math.Sin(dLat / 2);
        double sinLon = Math.Sin(dLon / 2);
        double a = sinLat * sinLat + Math.Cos(lat1) * Math.Cos(lat2) * sinLon * sinLon;
        return 2 * 6371.0 * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Distances from many points to one reference point.</summary>
    [Vectorize(nameof(Haversine), Target = Target.Parallel)]
    public static partial void DistanceTo(ReadOnlySpan<double> lat1, ReadOnlySpan<double> lon1, double lat2, double lon2, Span<double> destination);

    /// <summary>Softened gravitational force between two bodies at distance r.</summary>
    static double Gravity(double m1, double m2, double r, double softening) => 6.674e-11 * m1 * m2 / (r * r + softening * softening);

    [Vectorize(nameof(Gravity))]
    public static partial void Gravity(ReadOnlySpan<double> m1, ReadOnlySpan<double> m2, ReadOnlySpan<double> r, double softening, Span<double> destination);

    /// <summary>Damped harmonic oscillator integrated with semi-implicit Euler for a fixed number of steps.</summary>
    static double DampedOscillator(double x0, double v0, double stiffness, double damping, double dt, int steps)
    {
        double x = x0, v = v0;
        for (int s = 0; s < steps; s++)
        {
            double a = -stiffness * x - damping * v;
            v += a * dt;
            x += v * dt;
        }

        return x;
    }

    [Vectorize(nameof(DampedOscillator))]
    public static partial void DampedOscillator(ReadOnlySpan<double> x0, ReadOnlySpan<double> v0, double stiffness, double damping, double dt, int steps, Span<double> destination);

    /// <summary>Direct-sum gravitational accelerations (x, y) of n bodies in the plane.</summary>
    public static void Accelerations(ReadOnlySpan<float> px, ReadOnlySpan<float> py, ReadOnlySpan<float> mass, Span<float> ax, Span<float> ay, float softening)
    {
        int n = px.Length;
        foreach (int i in Prange(n))
        {
            float sx = 0f, sy = 0f;
            float xi = px[i], yi = py[i];
            for (int j = 0; j < n; j++)
            {
                float dx = px[j] - xi;
                float dy = py[j] - yi;
                float r2 = dx * dx + dy * dy + softening;
                float inv = 1f / (r2 * MathF.Sqrt(r2));
                sx += mass[j] * dx * inv;
                sy += mass[j] * dy * inv;
            }

            ax[i] = sx;
            ay[i] = sy;
        }
    }

    [Parallel(nameof(Accelerations), FastMath = true)]
    public static partial void NBodyAccelerations(ReadOnlySpan<float> px, ReadOnlySpan<float> py, ReadOnlySpan<float> mass, Span<float> ax, Span<float> ay, float softening);

    /// <summary>Explicit heat-equation steps on a rod with fixed ends, ping-ponging between two buffers.</summary>
    public static void HeatSteps(Span<double> u, Span<double> scratch, double alpha, int steps)
    {
        int n = u.Length;
        for (int s = 0; s < steps; s++)
        {
            foreach (int i in Prange(1, n - 1))
            {
                scratch[i] = u[i] + alpha * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }

            foreach (int i in Prange(1, n - 1))
            {
                u[i] = scratch[i];
            }
        }
    }

    [Parallel(nameof(HeatSteps))]
    public static partial void Heat1D(Span<double> u, Span<double> scratch, double alpha, int steps);

    /// <summary>Total kinetic energy of a particle system.</summary>
    public static double TotalKineticEnergy(ReadOnlySpan<double> mass, ReadOnlySpan<double> vx, ReadOnlySpan<double> vy)
    {
        double energy = 0;
        foreach (int i in Prange(mass.Length))
        {
            energy += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i]);
        }

        return energy;
    }

    [Parallel(nameof(TotalKineticEnergy), FastMath = true)]
    public static partial double TotalKineticEnergyParallel(ReadOnlySpan<double> mass, ReadOnlySpan<double> vx, ReadOnlySpan<double> vy);
}
