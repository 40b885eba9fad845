using Reconciler.LocalEmulator;

namespace Reconciler.Hosting.Demo;

/// <summary>What `reconciler demo` was asked to do.</summary>
/// <param name="PoliciesDirectory">Where project-management.yaml lives; null searches upward for policies/.</param>
/// <param name="Keep">Leave the emulator running at the end and print how to explore and stop it.</param>
/// <param name="Color">ANSI colour (a terminal without NO_COLOR).</param>
/// <param name="Emulator">How to start moto (tests point PythonPath at a missing interpreter, for instance).</param>
internal sealed record DemoOptions(string? PoliciesDirectory, bool Keep, bool Color, MotoServerOptions Emulator)
{
    /// <summary>The policy the demo tells its story with.</summary>
    public const string PolicyFileName = "project-management.yaml";

    /// <summary>The policy's metadata.name.</summary>
    public const string PolicyName = "project-management";

    /// <summary>The region moto answers for and the sample policy's topic ARNs name.</summary>
    public const string Region = "us-east-1";

    /// <summary>moto's default account, the one the sample policy's topic ARNs name.</summary>
    public const string AccountId = "123456789012";
}
