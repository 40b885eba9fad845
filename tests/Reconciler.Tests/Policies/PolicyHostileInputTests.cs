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
