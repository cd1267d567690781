using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// Writes a file all or nothing: to a new, uniquely named temporary file beside the destination (never a file that
/// already exists, such as a user's own <c>out.png.tmp</c>), renamed over the destination when complete, deleted on an
/// error and on Ctrl-C, SIGTERM or SIGHUP (the process then ends as the signal asks: exit code 130 for Ctrl-C).
/// </summary>
internal static class AtomicFile
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Pending = new();
    private static PosixSignalRegistration[]? _registrations;
    private static bool _interrupted;

    /// <summary>The temporary files being written now (for tests).</summary>
    internal static int PendingCount
    {
        get
        {
            lock (Gate)
            {
                return Pending.Count;
            }
        }
    }

    public static void Write(string path, Action<Stream> write)
    {
        string destination = Path.GetFullPath(path);
        FileStream stream = CreateTemporary(destination);
        string temporary = stream.Name;
        try
        {
            using (stream)
            {
                write(stream);
            }

            lock (Gate)
            {
                if (_interrupted)
                {
                    throw new OperationCanceledException("interrupted");
                }

                File.Move(temporary, destination, overwrite: true);
                Pending.Remove(temporary);
            }
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    /// <summary>Deletes every temporary file being written, as a signal does (for tests of the cleanup).</summary>
    internal static void Interrupt()
    {
        lock (Gate)
        {
            _interrupted = true;
            foreach (string temporary in Pending)
            {
                TryDelete(temporary);
            }

            Pending.Clear();
        }
    }

    /// <summary>Back to normal after <see cref="Interrupt"/> (tests only: a real signal ends the process).</summary>
    internal static void Reset()
    {
        lock (Gate)
        {
            _interrupted = false;
        }
    }

    private static FileStream CreateTemporary(string destination)
    {
        lock (Gate)
        {
            if (_interrupted)
            {
                throw new OperationCanceledException("interrupted");
            }

            _registrations ??= new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                .Select(signal => PosixSignalRegistration.Create(signal, _ => Interrupt())).ToArray();
            for (int attempt = 0; ; attempt++)
            {
                // out.png -> out.png.k3v9x2qa.tmp: beside the output, so the rename stays on one file system.
                string temporary = $"{destination}.{Path.GetRandomFileName().Replace(".", "")}.tmp";
                try
                {
                    // CreateNew never replaces an existing file; FileShare.Delete lets a signal delete it while open (Windows).
                    var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
                    Pending.Add(temporary);
                    return stream;
                }
                catch (IOException) when (File.Exists(temporary) && attempt < 10)
                {
                }
            }
        }
    }

    private static void Discard(string temporary)
    {
        lock (Gate)
        {
            TryDelete(temporary);
            Pending.Remove(temporary);
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file that cannot be deleted now stays, under a name that no later run reuses.
        }
    }
}
