using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The whole loop against moto: a drifted account is planned field by field, applied, checked with the official AWS
/// CLI, and a second run writes nothing. Foreign and out-of-scope resources are compared before and after. The same
/// scenario runs against strict moto in <see cref="StrictEngineTests"/>.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class EngineEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public Task PlanApplyReplan_DriftedAccount_ConvergesAndSecondRunWritesNothing() =>
        EngineScenarios.DriftedAccountConvergesAndSecondRunWritesNothingAsync(moto, _policies);
}
