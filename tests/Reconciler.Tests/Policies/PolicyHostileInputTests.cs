using System.Diagnostics;
using System.Text;
using Reconciler.Policies;

namespace Reconciler.Tests.Policies;

public sealed class PolicyHostileInputTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("policy-hostile-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void LoadDirectory_FileOverOneMebibyte_IsRefusedUnread()
    {
        var path = Path.Combine(temp.FullName, "huge.yaml");
        File.WriteAllText(path, "# " + new string('x', 1024 * 1024) + "\n");

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("limited to 1048576 bytes (1 MiB)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_TextOverOneMebibyte_IsRefused()
    {
        var error = Assert.Single(PolicyLoader.LoadText("huge.yaml", "a: " + new string('x', 1024 * 1024)).Errors);

        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_AliasBomb_IsRefusedAtTheFirstAlias()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
        }

        var error = Assert.Single(PolicyLoader.LoadText("bomb.yaml", yaml.ToString()).Errors);

        Assert.Equal("bomb.yaml:2:8: YAML aliases are not supported (found *a): they can expand a small file into a huge one, so the loader refuses them; write the value out in full where it is used", error.ToString());
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(100, false)]
    public void LoadText_HundredDeepNesting_IsRefused(int depth, bool flow)
    {
        var yaml = flow
            ? "spec: " + new string('[', depth) + new string(']', depth) + "\n"
            : string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "k:\n")) + new string(' ', depth * 2) + "v\n";

        var error = Assert.Single(PolicyLoader.LoadText("deep.yaml", yaml).Errors);

        Assert.Contains("nesting is deeper than 32 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_BinaryFile_IsRefusedAsBinary()
    {
        File.WriteAllBytes(Path.Combine(temp.FullName, "image.yaml"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Contains("not valid UTF-8 (byte 0x89 at offset 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_NulBytes_AreRefusedAsBinary()
    {
        File.WriteAllBytes(Path.Combine(temp.FullName, "nul.yaml"), "apiVersion: x\nkind: \0\0\0"u8.ToArray());

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("NUL byte: this looks like a binary file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_InvalidUtf8_ReportsWhere()
    {
        File.WriteAllBytes(Path.Combine(temp.FullName, "latin1.yaml"), [.. "metadata:\n  name: caf"u8, 0xE9, .. "\n"u8]);

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal((2, 12), (error.Line, error.Column));
        Assert.Contains("not valid UTF-8 (byte 0xE9 at offset 21); save the file as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_Utf8ByteOrderMark_IsAccepted()
    {
        File.WriteAllBytes(Path.Combine(temp.FullName, "bom.yaml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(PolicyLoaderTests.Minimal("bom"))]);

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        Assert.Empty(result.Errors);
        Assert.Equal("bom", Assert.Single(result.Policies).Name);
    }

    [Fact]
    public void LoadDirectory_Fifo_IsRefusedWithoutOpeningIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        File.WriteAllText(Path.Combine(temp.FullName, "a.yaml"), PolicyLoaderTests.Minimal("a"));
        var fifo = Path.Combine(temp.FullName, "p.yaml");
        MakeFifo(fifo);

        // A writer that opens and closes at once: code that opens the FIFO for reading reads an empty file (and this
        // test fails) instead of blocking for ever; code that never opens it leaves the writer waiting for a reader.
        var writer = new Thread(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose()) { IsBackground = true };
        writer.Start();

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{fifo}:1:1: not a regular file: a FIFO (named pipe). Only regular files are read as policies (a FIFO would block the reader and a device may never end); remove it or rename it so it does not end in .yaml or .yml", error.ToString());
        Assert.Equal(["a"], result.Policies.Select(policy => policy.Name));

        // Release the writer: opening read-write never blocks on Linux and counts as the reader it waits for.
        using (new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite))
        {
            writer.Join();
        }
    }

    [Fact]
    public void LoadDirectory_SymlinkToDevZero_IsRefusedAsADevice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var link = Path.Combine(temp.FullName, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal(link, error.File);
        Assert.StartsWith("not a regular file: a character device.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_SymlinkToRegularFile_IsRead()
    {
        var target = Path.Combine(temp.FullName, "shared.txt");
        File.WriteAllText(target, PolicyLoaderTests.Minimal("linked"));
        File.CreateSymbolicLink(Path.Combine(temp.FullName, "linked.yaml"), target);

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        Assert.Empty(result.Errors);
        Assert.Equal("linked", Assert.Single(result.Policies).Name);
    }

    [Fact]
    public void LoadDirectory_DirectorySymlinkLoop_IsReportedOnce()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "a.yaml"), PolicyLoaderTests.Minimal("a"));
        var loop = Path.Combine(temp.FullName, "team", "loop");
        Directory.CreateDirectory(Path.GetDirectoryName(loop)!);
        Directory.CreateSymbolicLink(loop, "..");

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"{loop}:0:0: symlink loop: this directory leads back to {temp.FullName}, which is already being read, so it is skipped; remove the link or point it elsewhere",
            error.ToString());
        Assert.Equal(["a"], result.Policies.Select(policy => policy.Name));
    }

    [Fact]
    public void LoadDirectory_FileSymlinkLoop_SaysSymlinkLoop()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var first = Path.Combine(temp.FullName, "a.yaml");
        File.CreateSymbolicLink(first, Path.Combine(temp.FullName, "b.yaml"));
        File.CreateSymbolicLink(Path.Combine(temp.FullName, "b.yaml"), first);

        var errors = PolicyLoader.LoadDirectory(temp.FullName).Errors;

        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.StartsWith("symlink loop: this link leads back to itself", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDirectory_DanglingSymlink_NamesItsTarget()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var link = Path.Combine(temp.FullName, "gone.yaml");
        File.CreateSymbolicLink(link, "/nonexistent/policy.yaml");

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal($"{link}:1:1: a symlink to /nonexistent/policy.yaml, which does not exist; fix or remove the link", error.ToString());
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Theory]
    [InlineData("a: !!binary aGVsbG8=\n", "YAML tag tag:yaml.org,2002:binary is not supported")]
    [InlineData("? [a, b]\n: c\n", "a mapping key must be a plain word")]
    [InlineData("a: \u0007\n", "control character U+0007")]
    [InlineData("\"unterminated\n", "YAML syntax error")]
    [InlineData("- just\n- a list\n", "expected a mapping (key: value lines), got a list")]
    public void LoadText_OddInput_GivesACleanError(string yaml, string expected)
    {
        var result = PolicyLoader.LoadText("odd.yaml", yaml);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, error => error.Message.Contains(expected, StringComparison.Ordinal));
    }
}
