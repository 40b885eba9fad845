using System.Globalization;
using System.Runtime.InteropServices;

namespace Reconciler.Policies;

/// <summary>
/// Finds and reads policy files without trusting the file system: only regular files are read (a FIFO would block
/// the reader for ever, /dev/zero never ends), every read is bounded by <see cref="PolicyInputGuard.MaxBytes"/>, and
/// a symlink loop is reported once instead of being walked until the kernel gives up.
/// </summary>
internal static class PolicyFiles
{
    /// <summary>Deepest directory nesting walked below the policy directory; a backstop for loops the walk cannot see.</summary>
    public const int MaxDirectoryDepth = 32;

    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>
    /// Every *.yaml and *.yml below <paramref name="directory"/>, as <paramref name="directory"/> joined with its path
    /// below it, sorted. Symlinked directories are followed unless they lead back into a directory being walked.
    /// Problems with one entry are reported and the walk goes on.
    /// </summary>
    public static List<string> Find(string directory, List<PolicyError> errors)
    {
        var files = new List<string>();
        var root = RealDirectory(new DirectoryInfo(directory)) ?? Path.GetFullPath(directory);
        Walk(directory, root, [root], files, errors);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The bytes of <paramref name="file"/>, or null with an error: when it is not (or does not lead to) a regular
    /// file, or is larger than the limit. The limit is checked on the length before opening and again while reading
    /// (at most limit + 1 bytes are read), since the file can grow in between.
    /// </summary>
    public static byte[]? Read(string file, List<PolicyError> errors)
    {
        var kind = FileKinds.Of(file, out var length);
        if (kind is not (FileKind.Regular or FileKind.Unknown))
        {
            errors.Add(new PolicyError(file, 1, 1, NotReadable(file, kind)));
            return null;
        }

        if (kind == FileKind.Unknown)
        {
            length = new FileInfo(file).Length;
        }

        if (PolicyInputGuard.CheckSize(file, length) is { } tooLarge)
        {
            errors.Add(tooLarge);
            return null;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = new byte[(int)Math.Min(length, PolicyInputGuard.MaxBytes) + 1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > PolicyInputGuard.MaxBytes)
                {
                    errors.Add(new PolicyError(file, 1, 1, string.Create(CultureInfo.InvariantCulture,
                        $"file grew past {PolicyInputGuard.MaxBytes} bytes (1 MiB) while it was read, so it was not read; policy files are limited to 1 MiB")));
                    return null;
                }

                Array.Resize(ref buffer, PolicyInputGuard.MaxBytes + 1);
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }
    }

    private static void Walk(string shown, string real, List<string> chain, List<string> files, List<PolicyError> errors)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = [.. new DirectoryInfo(shown).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = false })];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new PolicyError(shown, 0, 0, $"cannot list this directory: {exception.Message}"));
            return;
        }

        foreach (var entry in entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var path = Path.Join(shown, entry.Name);
            if (entry is not DirectoryInfo subdirectory)
            {
                if (Extensions.Contains(Path.GetExtension(entry.Name), StringComparer.OrdinalIgnoreCase))
                {
                    files.Add(path);
                }

                continue;
            }

            var target = entry.LinkTarget is null ? Path.Join(real, entry.Name) : RealDirectory(subdirectory);
            if (target is null || chain.Contains(target, StringComparer.Ordinal))
            {
                errors.Add(new PolicyError(path, 0, 0,
                    $"symlink loop: this directory leads back to {target ?? "itself"}, which is already being read, so it is skipped; remove the link or point it elsewhere"));
                continue;
            }

            if (chain.Count >= MaxDirectoryDepth)
            {
                errors.Add(new PolicyError(path, 0, 0,
                    $"directories nest deeper than {MaxDirectoryDepth} levels here (a symlink loop?), so this one is skipped"));
                continue;
            }

            chain.Add(target);
            Walk(path, target, chain, files, errors);
            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>The full path a (possibly symlinked) directory finally resolves to; null for a symlink loop.</summary>
    private static string? RealDirectory(DirectoryInfo directory)
    {
        try
        {
            return directory.LinkTarget is null
                ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory.FullName))
                : Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory.ResolveLinkTarget(returnFinalTarget: true)!.FullName));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string NotReadable(string file, FileKind kind) => kind switch
    {
        FileKind.Missing => $"a symlink to {LinkTargetOf(file)}, which does not exist; fix or remove the link",
        FileKind.SymlinkLoop => "symlink loop: this link leads back to itself, so there is no file to read; remove the link or point it at a policy file",
        FileKind.Directory => "a directory, not a policy file",
        _ => $"not a regular file: {Describe(kind)}. Only regular files are read as policies (a FIFO would block the reader and a device may never end); " +
             "remove it or rename it so it does not end in .yaml or .yml",
    };

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "a special file",
    };

    private static string LinkTargetOf(string file)
    {
        try
        {
            return new FileInfo(file).LinkTarget ?? "a missing file";
        }
        catch (IOException)
        {
            return "a missing file";
        }
    }
}

/// <summary>What a path finally leads to, after following symlinks.</summary>
internal enum FileKind
{
    /// <summary>The platform cannot say (not Linux); the file is read as if regular, still bounded.</summary>
    Unknown,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Missing,
    SymlinkLoop,
}

/// <summary>
/// The file type of a path. .NET has no API for it (FileAttributes does not tell a FIFO from a file), and a FIFO must
/// be recognised before it is opened, because opening one for reading blocks until a writer appears. On Linux this
/// calls statx(2), whose struct layout is the same on every architecture (x86-64, arm64), unlike stat(2)'s.
/// </summary>
internal static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int ENOENT = 2;
    private const int ELOOP = 40;

    public static FileKind Of(string path, out long length)
    {
        length = 0;
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? FileKind.Directory : FileKind.Unknown;
        }

        var buffer = new byte[StatxBufferSize];
        var pathBytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        int result;
        try
        {
            result = NativeMethods.statx(AtFdCwd, ref pathBytes[0], 0, StatxType | StatxSize, ref buffer[0]);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return Directory.Exists(path) ? FileKind.Directory : FileKind.Unknown;
        }

        if (result != 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                ENOENT => FileKind.Missing,
                ELOOP => FileKind.SymlinkLoop,
                _ => FileKind.Unknown,
            };
        }

        length = BitConverter.ToInt64(buffer, SizeOffset);
        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    private static class NativeMethods
    {
        // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf);
        // flags 0 follows symlinks, so the type is the final target's (ELOOP for a loop, ENOENT for a dangling link).
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, ref byte pathname, int flags, uint mask, ref byte statxbuf);
    }
}
