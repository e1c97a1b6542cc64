namespace TrailScan;

/// <summary>How trailscan words the counts it prints.</summary>
internal static class Words
{
    /// <summary>The count and its noun, singular for 1: "1 record", "0 records", "1,234 records".</summary>
    public static string Count(long count, string one, string many) => $"{count:N0} {(count == 1 ? one : many)}";
}
