namespace CloudTrailGen;

/// <summary>The base of the generated record envelope: adds what a reader knows about where a record came from.</summary>
public abstract class CloudTrailRecordBase : CloudTrailObject
{
    /// <summary>How the record was delivered (wrapper, position, wrapper fields), when a <c>CloudTrailLog</c> reader knows more than the record itself says; otherwise null.</summary>
    public CloudTrailDelivery? Delivery { get; set; }
}
