using Reconciler.Planning;

namespace Reconciler.Tests.Planning;

public class AlarmNamingTests
{
    [Theory]
    [InlineData("ManageProjects", "error-rate", "reconciler-project-management-ManageProjects-error-rate")]
    [InlineData("Upload_File-2", "latency", "reconciler-project-management-Upload_File-2-latency")]
    public void ForFunction_ShortName_IsPrefixPolicyResourceRule(string function, string rule, string want) =>
        Assert.Equal(want, AlarmNaming.ForFunction("reconciler", "project-management", function, rule));

    [Theory]
    [InlineData("ProjectManagementAPI", "prod", "reconciler-project-management-ProjectManagementAPI/prod-latency")]
    [InlineData("Project Management API", "dev", "reconciler-project-management-Project_Management_API/dev-latency")]
    [InlineData("a/b", "prod", "reconciler-project-management-a_b/prod-latency")]
    [InlineData("api:v2", "prod", "reconciler-project-management-api_v2/prod-latency")]
    public void ForStage_AnyApiName_OneSlashAndOnlySafeCharacters(string api, string stage, string want) =>
        Assert.Equal(want, AlarmNaming.ForStage("reconciler", "project-management", api, stage, "latency"));

    [Fact]
    public void ForStage_FunctionNamedLikeApiAndStage_NamesDiffer()
    {
        var function = AlarmNaming.ForFunction("reconciler", "p", "api-prod", "latency");
        var stage = AlarmNaming.ForStage("reconciler", "p", "api", "prod", "latency");

        Assert.NotEqual(function, stage);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(214)]
    public void ForFunction_NameFitsLimit_KeptWhole(int functionLength)
    {
        var function = new string('f', functionLength);

        var name = AlarmNaming.ForFunction("reconciler", "project-management", function, "error-rate");

        Assert.True(name.Length <= AlarmNaming.MaxLength);
        Assert.Contains(function, name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(215)]
    [InlineData(400)]
    [InlineData(1000)]
    public void ForFunction_TooLong_TruncatedTo255WithStableHash(int functionLength)
    {
        var function = new string('f', functionLength);

        var first = AlarmNaming.ForFunction("reconciler", "project-management", function, "error-rate");
        var second = AlarmNaming.ForFunction("reconciler", "project-management", function, "error-rate");

        Assert.Equal(AlarmNaming.MaxLength, first.Length);
        Assert.Equal(first, second);
        Assert.Matches("-[0-9a-f]{8}$", first);
        Assert.StartsWith("reconciler-project-management-fff", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_KnownInput_HashIsSha256Prefix()
    {
        // Pinned so that a change of hash (which would orphan every long-named alarm) fails loudly.
        var full = "reconciler-p-" + new string('x', 300) + "-latency";

        var name = AlarmNaming.Truncate(full);

        var want = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..8];
        Assert.Equal(full[..246] + "-" + want, name);
    }

    [Fact]
    public void Truncate_LongNamesDifferingOnlyAtTheEnd_StayDistinct()
    {
        var common = new string('x', 300);

        Assert.NotEqual(AlarmNaming.Truncate(common + "-error-rate"), AlarmNaming.Truncate(common + "-latency"));
    }
}
