using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CloudTrailGen;

/// <summary>
/// Reads every timestamp format CloudTrail uses, and writes the canonical ISO-8601 form.
/// </summary>
/// <remarks>
/// Formats read: ISO-8601 extended (<c>2023-07-19T21:33:41Z</c>, a space for <c>T</c>, 0 to 9
/// fraction digits, <c>Z</c>, <c>+hh:mm</c>, <c>+hhmm</c>, <c>+hh</c> or no zone, read as UTC),
/// ISO-8601 basic (<c>20131102T010628Z</c>), <c>Jan 19, 2023 5:55:08 PM</c> with or without a comma
/// after the year, RFC 1123 (<c>Wed, 21 Oct 2020 07:28:00 GMT</c>), and epoch seconds or
/// milliseconds. Fractions finer than 100 ns are truncated; the caller keeps the original text
/// whenever the canonical form would differ from it, so nothing is lost.
/// </remarks>
public static class CloudTrailTime
{
    private const int MaxUtf8Length = 64;

    private static readonly string[] s_textFormats =
    {
        "MMM d, yyyy h:mm:ss tt",
        "MMM d, yyyy, h:mm:ss tt",
        "MMM d, yyyy h:mm:ss\u202Ftt",
        "MMM d, yyyy, h:mm:ss\u202Ftt",
        "MMM d, yyyy H:mm:ss",
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",
        "r",
    };

    /// <summary>Parses a timestamp string in any supported format.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxUtf8Length) return false;
        Span<byte> utf8 = stackalloc byte[MaxUtf8Length * 3];
        int length = Encoding.UTF8.GetBytes(text, utf8);
        return TryParse(utf8[..length], out value);
    }

    /// <summary>Parses a UTF-8 timestamp in any supported format.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        if (utf8.IsEmpty || utf8.Length > MaxUtf8Length) return false;
        if (TryParseIso(utf8, out value)) return true;
        if (TryParseEpoch(utf8, out value)) return true;
        if (TryParseMonthName(utf8, out value)) return true;

        // Other spellings of the month-name form, and RFC 1123, are rare: leave them to the
        // framework's exact parser.
        string text = Encoding.UTF8.GetString(utf8);
        return DateTimeOffset.TryParseExact(text, s_textFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Reads a JSON number as epoch seconds, or milliseconds when it is too large for seconds.</summary>
    public static bool TryFromEpoch(double number, out DateTimeOffset value)
    {
        value = default;
        if (double.IsNaN(number) || double.IsInfinity(number)) return false;
        double ms = Math.Abs(number) >= 1e11 ? number : number * 1000;
        if (ms < -62135596800000 || ms > 253402300799999) return false;
        value = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>
    /// Writes the canonical form: <c>yyyy-MM-ddTHH:mm:ss</c>, a fraction only when it is not zero
    /// (without trailing zeros), then <c>Z</c> for UTC or the offset as <c>+hh:mm</c>.
    /// </summary>
    /// <returns>The number of bytes written (at most 33).</returns>
    public static int Format(DateTimeOffset value, Span<byte> destination)
    {
        var dt = value.DateTime;
        int n = 0;
        Digits(destination, ref n, dt.Year, 4);
        destination[n++] = (byte)'-';
        Digits(destination, ref n, dt.Month, 2);
        destination[n++] = (byte)'-';
        Digits(destination, ref n, dt.Day, 2);
        destination[n++] = (byte)'T';
        Digits(destination, ref n, dt.Hour, 2);
        destination[n++] = (byte)':';
        Digits(destination, ref n, dt.Minute, 2);
        destination[n++] = (byte)':';
        Digits(destination, ref n, dt.Second, 2);
        long fraction = dt.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            destination[n++] = (byte)'.';
            int digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            Digits(destination, ref n, fraction, digits);
        }
        var offset = value.Offset;
        if (offset == TimeSpan.Zero)
        {
            destination[n++] = (byte)'Z';
        }
        else
        {
            destination[n++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
            var abs = offset.Duration();
            Digits(destination, ref n, abs.Hours, 2);
            destination[n++] = (byte)':';
            Digits(destination, ref n, abs.Minutes, 2);
        }
        return n;
    }

    /// <summary>The canonical form as a string.</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[40];
        return Encoding.UTF8.GetString(buffer[..Format(value, buffer)]);
    }

    private static void Digits(Span<byte> destination, ref int n, long value, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            destination[n + i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        n += count;
    }

    private static bool TryParseEpoch(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        foreach (byte b in utf8)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-')) return false;
        }
        return Utf8Parser.TryParse(utf8, out double number, out int consumed) && consumed == utf8.Length
            && TryFromEpoch(number, out value);
    }

    private static bool TryParseIso(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        int i = 0;
        if (!Number(s, ref i, 4, out int year)) return false;
        bool basic = i < s.Length && s[i] != (byte)'-';
        if (!basic) i++;
        if (!Number(s, ref i, 2, out int month)) return false;
        if (!basic && !Expect(s, ref i, (byte)'-')) return false;
        if (!Number(s, ref i, 2, out int day)) return false;

        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        if (i < s.Length && (s[i] == (byte)'T' || s[i] == (byte)'t' || s[i] == (byte)' '))
        {
            i++;
            if (!Number(s, ref i, 2, out hour)) return false;
            if (!basic && !Expect(s, ref i, (byte)':')) return false;
            if (!Number(s, ref i, 2, out minute)) return false;
            if (i < s.Length && (basic ? IsDigit(s[i]) : s[i] == (byte)':'))
            {
                if (!basic) i++;
                if (!Number(s, ref i, 2, out second)) return false;
                if (i < s.Length && (s[i] == (byte)'.' || s[i] == (byte)','))
                {
                    i++;
                    int start = i;
                    long scale = TimeSpan.TicksPerSecond;
                    while (i < s.Length && IsDigit(s[i]))
                    {
                        scale /= 10;
                        fractionTicks += (s[i] - '0') * scale;
                        i++;
                    }
                    if (i == start) return false;
                }
            }
        }
        else if (i != s.Length)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            byte zone = s[i++];
            if (zone == (byte)'Z' || zone == (byte)'z')
            {
                if (i != s.Length) return false;
            }
            else if (zone == (byte)'+' || zone == (byte)'-')
            {
                if (!Number(s, ref i, 2, out int oh)) return false;
                int om = 0;
                if (i < s.Length)
                {
                    if (s[i] == (byte)':') i++;
                    if (!Number(s, ref i, 2, out om)) return false;
                }
                if (i != s.Length || oh > 14 || om > 59) return false;
                offset = new TimeSpan(oh, om, 0);
                if (zone == (byte)'-') offset = -offset;
            }
            else
            {
                return false;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 1 : year, month)
            || hour > 24 || minute > 59 || second > 60 || year == 0)
        {
            return false;
        }

        try
        {
            // 24:00 and leap seconds are rolled over rather than rejected.
            var dt = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
                .AddTicks(hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute
                    + second * TimeSpan.TicksPerSecond + fractionTicks);
            value = new DateTimeOffset(dt, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>
    /// The form CloudTrail writes almost every timestamp in, <c>yyyy-MM-ddTHH:mm:ssZ</c>, exactly:
    /// a valid date, hour 0-23, minute and second 0-59 (nothing to roll over), so that
    /// <see cref="Format(DateTimeOffset, Span{byte})"/> gives the same 20 bytes back and the caller
    /// need not format and compare. Anything else returns false for the general parser.
    /// </summary>
    internal static bool TryParseCanonical(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 20 || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T'
            || s[13] != (byte)':' || s[16] != (byte)':' || s[19] != (byte)'Z')
        {
            return false;
        }
        int i = 0;
        if (!Number(s, ref i, 4, out int year)) return false;
        i = 5;
        if (!Number(s, ref i, 2, out int month)) return false;
        i = 8;
        if (!Number(s, ref i, 2, out int day)) return false;
        i = 11;
        if (!Number(s, ref i, 2, out int hour)) return false;
        i = 14;
        if (!Number(s, ref i, 2, out int minute)) return false;
        i = 17;
        if (!Number(s, ref i, 2, out int second)) return false;
        if (year == 0 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>
    /// The month-name form as CloudTrail writes it (STS credentials' <c>expiration</c>, for one):
    /// <c>Jan 19, 2023 5:55:08 PM</c>, a comma after the year or not, a space or a narrow no-break
    /// space (U+202F) before AM/PM. Gives what the framework's parser gives for these formats, in a
    /// fraction of its time; any other spelling (lower-case month, 24-hour clock, extra spaces)
    /// returns false and is left to it.
    /// </summary>
    private static bool TryParseMonthName(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 21 || s[3] != (byte)' ') return false;
        int name = MonthNames.IndexOf(s[..3]);
        if (name < 0 || name % 3 != 0) return false;
        int month = name / 3 + 1;
        int i = 4;
        if (!OneOrTwoDigits(s, ref i, out int day) || !Expect(s, ref i, (byte)',') || !Expect(s, ref i, (byte)' ')
            || !Number(s, ref i, 4, out int year))
        {
            return false;
        }
        if (i < s.Length && s[i] == (byte)',') i++;
        if (!Expect(s, ref i, (byte)' ') || !OneOrTwoDigits(s, ref i, out int hour) || !Expect(s, ref i, (byte)':')
            || !Number(s, ref i, 2, out int minute) || !Expect(s, ref i, (byte)':') || !Number(s, ref i, 2, out int second))
        {
            return false;
        }
        if (s[i..].StartsWith(" "u8)) i += 1;
        else if (s[i..].StartsWith("\u202F"u8)) i += 3;
        else return false;
        if (i + 2 != s.Length || s[i] is not ((byte)'A' or (byte)'P') || s[i + 1] != (byte)'M') return false;
        if (year == 0 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 12 || minute > 59 || second > 59)
        {
            return false;
        }
        hour = hour % 12 + (s[i] == (byte)'P' ? 12 : 0);
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool OneOrTwoDigits(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        if (!Number(s, ref i, 1, out value)) return false;
        if (i < s.Length && IsDigit(s[i])) value = value * 10 + (s[i++] - '0');
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool Expect(ReadOnlySpan<byte> s, ref int i, byte expected)
    {
        if (i >= s.Length || s[i] != expected) return false;
        i++;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int i, int count, out int value)
    {
        value = 0;
        if (i + count > s.Length) return false;
        for (int k = 0; k < count; k++)
        {
            byte b = s[i + k];
            if (!IsDigit(b)) return false;
            value = value * 10 + (b - '0');
        }
        i += count;
        return true;
    }
}
