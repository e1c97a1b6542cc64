using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;

namespace CloudTrailGen.S3;

/// <summary>
/// The AWSLogs layout CloudTrail writes:
/// <c>[PREFIX/]AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz</c>,
/// and Insights beside it the same way (<c>CloudTrail-Insight/</c>, <c>ACCOUNT_CloudTrail-Insight_REGION_...</c>).
/// Digest files (<c>CloudTrail-Digest/</c>) are beside them too and are not read.
/// </summary>
internal static class CloudTrailS3Layout
{
    /// <summary>The folders of an account that hold records: its logs and its Insights.</summary>
    public static bool IsLogFolder(string name) => name is LogFolder or InsightFolder;

    private const string LogFolder = "CloudTrail";
    private const string InsightFolder = "CloudTrail-Insight";

    /// <summary>An account's folder under <c>AWSLogs/</c>: the account id, exactly 12 ASCII digits.</summary>
    public static bool IsAccountFolder(string name) => name.Length == 12 && name.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>An organization trail's folder under <c>AWSLogs/</c>: the organization id, <c>o-</c> and 10 to 32 lowercase ASCII letters or digits.</summary>
    public static bool IsOrganizationFolder(string name) =>
        name.Length is >= 12 and <= 34 && name.StartsWith("o-", StringComparison.Ordinal) && name.AsSpan(2).IndexOfAnyExcept(s_organizationIdChars) < 0;

    private static readonly SearchValues<char> s_organizationIdChars = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz");

    /// <summary>The day folders (UTC) that can hold objects delivered from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IEnumerable<string> DayFolders(DateTimeOffset from, DateTimeOffset to)
    {
        var day = from.UtcDateTime.Date;
        var last = to.UtcDateTime.Date;
        for (; day <= last; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Reads a year folder's name as <see cref="DayFolders"/> writes it: exactly four digits, 0001 to 9999.</summary>
    public static bool TryParseYear(string name, out int year) => TryParseNumber(name, 4, 1, 9999, out year);

    /// <summary>Reads a month folder's name as <see cref="DayFolders"/> writes it: exactly two digits, 01 to 12.</summary>
    public static bool TryParseMonth(string name, out int month) => TryParseNumber(name, 2, 1, 12, out month);

    /// <summary>Reads a day folder's name as <see cref="DayFolders"/> writes it: exactly two digits, 01 to the last day of the month.</summary>
    public static bool TryParseDay(string name, int year, int month, out int day) => TryParseNumber(name, 2, 1, DateTime.DaysInMonth(year, month), out day);

    // A folder name as CloudTrail writes it: exactly this many ASCII digits, within range.
    private static bool TryParseNumber(string text, int digits, int min, int max, out int value)
    {
        value = 0;
        if (text.Length != digits) return false;
        foreach (char c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return value >= min && value <= max;
    }

    /// <summary>Reads <c>ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json[.gz]</c> (or <c>CloudTrail-Insight</c>), the last part of a key.</summary>
    public static bool TryParseName(string key, out string account, out string region, out DateTimeOffset deliveredAt)
    {
        account = region = "";
        deliveredAt = default;
        var name = key.AsSpan(key.LastIndexOf('/') + 1);
        var parts = name.ToString().Split('_');
        if (parts.Length < 5 || !IsLogFolder(parts[1]) || parts[0].Length == 0 || parts[2].Length == 0) return false;
        if (!DateTimeOffset.TryParseExact(parts[3], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out deliveredAt))
        {
            return false;
        }
        account = parts[0];
        region = parts[2];
        return true;
    }

    /// <summary>The minute a time is in: file names say times to the minute.</summary>
    public static DateTimeOffset ToMinute(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }
}
