namespace CloudTrailGen;

/// <summary>The kind of a <see cref="CloudTrailReadIssue"/>.</summary>
public enum CloudTrailReadIssueKind
{
    /// <summary>Valid JSON that is not a CloudTrail record (for example the SNS "CloudTrail validation message"); skipped.</summary>
    Skipped,

    /// <summary>A record that is not valid JSON; the reader went on to the next one.</summary>
    Malformed,
}
