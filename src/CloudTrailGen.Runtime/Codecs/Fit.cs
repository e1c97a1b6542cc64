namespace CloudTrailGen;

/// <summary>How well a JSON value fit the type it was read into.</summary>
internal enum Fit
{
    /// <summary>Writing the typed value gives the same JSON back.</summary>
    Exact,

    /// <summary>A typed value was read, but writing it would change the JSON (<c>"900 "</c> for 900): keep the raw value too.</summary>
    Coerced,

    /// <summary>The value was the typed value's canonical text in a string (<c>"900"</c>, <c>"false"</c>): remember only that.</summary>
    Quoted,

    /// <summary>The value does not fit: the reader has not moved, and only the raw value is kept.</summary>
    No,
}
