namespace CloudTrailGen;

/// <summary>Something the reader passed over, and where.</summary>
/// <param name="Kind">Skipped or malformed.</param>
/// <param name="Message">What was wrong, for people.</param>
/// <param name="RecordIndex">The index the record would have had among the records returned.</param>
/// <param name="ByteOffset">The offset of the value in the (decompressed) input.</param>
public sealed record CloudTrailReadIssue(CloudTrailReadIssueKind Kind, string Message, long RecordIndex, long ByteOffset);
