using System.Globalization;
using System.Text;

namespace Reconciler.Policies;

/// <summary>
/// Checks raw policy input before any YAML parsing: size, UTF-8 validity and characters YAML does not allow.
/// A policy is a small text file; anything else is refused with a message that says what was found and where.
/// </summary>
internal static class PolicyInputGuard
{
    /// <summary>Largest policy file accepted (1 MiB); real policies are a few kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PolicyError? CheckSize(string file, long bytes) => bytes > MaxBytes
        ? new PolicyError(file, 1, 1, string.Create(CultureInfo.InvariantCulture,
            $"file is {bytes} bytes; policy files are limited to {MaxBytes} bytes (1 MiB), so it was not read. Split it into several files"))
        : null;

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (a BOM is allowed) or reports where the first invalid byte is.</summary>
    public static string? Decode(string file, byte[] bytes, List<PolicyError> errors)
    {
        var body = bytes.AsSpan();
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(body);
            var prefix = StrictUtf8.GetString(body[..offset]);
            var (line, column) = Position(prefix, prefix.Length);
            errors.Add(new PolicyError(file, line, column, string.Create(CultureInfo.InvariantCulture,
                $"not valid UTF-8 (byte 0x{body[offset]:X2} at offset {offset}); save the file as UTF-8")));
            return null;
        }
    }

    /// <summary>Refuses NUL (binary files) and control characters YAML does not allow; reports the first one.</summary>
    public static PolicyError? CheckCharacters(string file, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = c is '\t' or '\n' or '\r' or '\u0085' || (c >= ' ' && c != '\u007F' && (c < '\u0080' || c > '\u009F') && c != '\uFFFE' && c != '\uFFFF');
            if (allowed)
            {
                continue;
            }

            var (line, column) = Position(text, i);
            var message = c == '\0'
                ? "contains a NUL byte: this looks like a binary file, not a YAML policy"
                : string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)c:X4}, which YAML does not allow; remove it");
            return new PolicyError(file, line, column, message);
        }

        return null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return bytes.Length - 1;
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
