using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>CreateSamplingRule of a policy's rule, with the ownership tags.</summary>
internal sealed record CreateSamplingRule(XRaySamplingRule Rule, IReadOnlyList<Tag> Tags) : ChangePayload;

/// <summary>UpdateSamplingRule of an owned rule: every member it matches and samples with.</summary>
internal sealed record UpdateSamplingRule(XRaySamplingRule Rule) : ChangePayload;

/// <summary>DeleteSamplingRule of an owned rule no policy asks for any more.</summary>
internal sealed record DeleteSamplingRule(string RuleName) : ChangePayload;
