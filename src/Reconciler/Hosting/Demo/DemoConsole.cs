using System.Globalization;
using Reconciler.Reporting;

namespace Reconciler.Hosting.Demo;

/// <summary>
/// How the demo talks: "==> step" headings, "... done in 1.8s" endings on the same line, indented detail lines, and
/// command output printed as is. Colour only when <see cref="Style"/> asks for it (a terminal without NO_COLOR).
/// </summary>
internal sealed class DemoConsole(TextWriter output, TextWriter error, TextStyle style, TimeProvider time)
{
    private long stepStarted;
    private bool stepOpen;

    /// <summary>The style passed on to the plan and report renderers.</summary>
    public TextStyle Style => style;

    /// <summary>A heading on a line of its own: "==> reconciler plan".</summary>
    public void Heading(string text)
    {
        CloseOpenStep();
        output.WriteLine();
        output.WriteLine(style.Bold("==> " + text));
    }

    /// <summary>Starts a step whose outcome ends the same line: "==> Starting moto ... ".</summary>
    public void BeginStep(string text)
    {
        CloseOpenStep();
        output.WriteLine();
        output.Write(style.Bold("==> " + text) + " ... ");
        output.Flush();
        stepOpen = true;
        stepStarted = time.GetTimestamp();
    }

    /// <summary>Ends the open step with "done in 1.8s" (or <paramref name="outcome"/> then the time).</summary>
    public void EndStep(string outcome = "done")
    {
        output.WriteLine(style.Green(outcome) + " in " + Seconds(time.GetElapsedTime(stepStarted)));
        stepOpen = false;
    }

    /// <summary>An indented line under the current heading.</summary>
    public void Detail(string text) => output.WriteLine("    " + text);

    /// <summary>A line that confirms something the story promised.</summary>
    public void Confirmed(string text) => output.WriteLine("    " + style.Green("ok") + " " + text);

    /// <summary>Text printed exactly as a command would print it (the plan, the report).</summary>
    public void Verbatim(string text)
    {
        CloseOpenStep();
        output.Write(text);
        if (!text.EndsWith('\n'))
        {
            output.WriteLine();
        }
    }

    /// <summary>A blank line.</summary>
    public void Blank() => output.WriteLine();

    /// <summary>Something went wrong: ends any open step with "failed", then the message on stderr.</summary>
    public void Problem(string text)
    {
        if (stepOpen)
        {
            output.WriteLine(style.Red("failed"));
            stepOpen = false;
        }

        output.Flush();
        error.WriteLine(style.Red("demo: " + text));
    }

    /// <summary>"1.8s", "12.0s".</summary>
    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private void CloseOpenStep()
    {
        if (stepOpen)
        {
            output.WriteLine();
            stepOpen = false;
        }
    }
}
