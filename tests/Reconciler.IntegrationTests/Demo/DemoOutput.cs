using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reconciler.Planning;

namespace Reconciler.IntegrationTests.Demo;

/// <summary>Reading what the demo printed: the emulator's port, sections, the alarms it talks about.</summary>
internal static partial class DemoOutput
{
    /// <summary>The alarm the demo edits by hand (threshold 5 raised to 10).</summary>
    public static string HandEditedAlarm { get; } = AlarmNaming.ForFunction("reconciler", "project-management", "ManageProjects", "error-rate");

    /// <summary>The foreign alarm: the same name plus "-legacy", no ownership marker.</summary>
    public static string ForeignAlarm { get; } = HandEditedAlarm + "-legacy";

    /// <summary>The port of "Starting a local AWS emulator (moto) on 127.0.0.1:PORT".</summary>
    public static int Port(string output)
    {
        var match = PortPattern().Match(output);
        Assert.True(match.Success, "The demo did not say which port moto listens on:\n" + output);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The text between the heading "==> <paramref name="heading"/>" and the next heading; with
    /// <paramref name="wholeLine"/> false the heading line only has to start with it ("reconciler apply ... done in 2s").
    /// </summary>
    public static string Section(string output, string heading, bool wholeLine = true)
    {
        var start = output.IndexOf("==> " + heading + (wholeLine ? "\n" : string.Empty), StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section '{heading}' in:\n{output}");
        start = output.IndexOf('\n', start) + 1;
        var end = output.IndexOf("\n==> ", start, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"moto\) on 127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
