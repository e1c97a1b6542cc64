using System;
using System.Collections.Generic;
using System.Globalization;

namespace TrailScan.Reports;

/// <summary>
/// Counts records over time in bounded memory: per minute while that gives few buckets, coarser
/// (hour, day, then calendar month and year) when the input spans long enough to make too many.
/// Then chooses the bar from the span: the narrowest of a round width (5m, 1h, 1d, ..., a calendar
/// month, quarter or year) that gives at most <see cref="MaxBars"/> bars.
/// </summary>
public sealed class Timeline
{
    /// <summary>The most bars a chart gets (calendar years beyond it when the input spans more).</summary>
    public const int MaxBars = 24;

    private const int MaxStoredBuckets = 20_000;

    // Calendar units, told from widths in minutes by their sign.
    private const int Month = -1;
    private const int Quarter = -3;
    private const int Year = -12;

    // Bar widths to choose from (minutes, or a calendar unit): the narrowest that gives at most
    // MaxBars bars wins. Bars of calendar units that hold no record are left out, so that a log
    // collection spanning years with a few records in some of them is not a row of empty years.
    private static readonly (int Width, string Name)[] s_widths =
    [
        (1, "1m"), (5, "5m"), (10, "10m"), (15, "15m"), (30, "30m"), (60, "1h"), (120, "2h"), (180, "3h"),
        (360, "6h"), (720, "12h"), (1440, "1d"), (2 * 1440, "2d"), (7 * 1440, "7d"), (14 * 1440, "14d"),
        (Month, "month"), (Quarter, "quarter"), (Year, "year"),
    ];

    private static readonly int[] s_storedGranularities = [1, 60, 1440, Month, Year];

    private Dictionary<long, long> _buckets = new();
    private int _granularity = 1; // minutes per stored bucket, or a calendar unit
    private long _minMinute = long.MaxValue;
    private long _maxMinute = long.MinValue;

    /// <summary>Counts one record at <paramref name="time"/>.</summary>
    public void Add(DateTimeOffset time)
    {
        long minute = time.UtcTicks / TimeSpan.TicksPerMinute;
        _minMinute = Math.Min(_minMinute, minute);
        _maxMinute = Math.Max(_maxMinute, minute);
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_buckets, Floor(minute, _granularity), out _)++;
        if (_buckets.Count > MaxStoredBuckets) Coarsen();
    }

    /// <summary>
    /// Adds the records <paramref name="other"/> counted (another part of the input). The result
    /// is what counting both parts' records in one timeline gives: that keeps the finest stored
    /// granularity whose buckets fit, and each part's granularity is no finer than it.
    /// </summary>
    public void Merge(Timeline other)
    {
        if (other._buckets.Count == 0) return;
        _minMinute = Math.Min(_minMinute, other._minMinute);
        _maxMinute = Math.Max(_maxMinute, other._maxMinute);
        if (Array.IndexOf(s_storedGranularities, other._granularity) > Array.IndexOf(s_storedGranularities, _granularity))
        {
            _granularity = other._granularity;
            var coarser = new Dictionary<long, long>();
            foreach (var (bucket, count) in _buckets)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(coarser, Floor(bucket, _granularity), out _) += count;
            }
            _buckets = coarser;
        }
        foreach (var (bucket, count) in other._buckets)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_buckets, Floor(bucket, _granularity), out _) += count;
        }
        if (_buckets.Count > MaxStoredBuckets) Coarsen();
    }

    /// <summary>
    /// The bars: each one's start (UTC) and count, and the bar width's name ("1h", "month",
    /// "year"). Bars of minutes, hours and days run from the first record to the last, empty ones
    /// too; bars of calendar months, quarters and years are only those with records.
    /// </summary>
    public (string Width, List<(DateTimeOffset Start, long Count)> Bars) GetBars()
    {
        var bars = new List<(DateTimeOffset, long)>();
        if (_buckets.Count == 0) return ("-", bars);

        int width = Year;
        string name = "year";
        foreach (var (candidate, label) in s_widths)
        {
            if (!CanShow(candidate)) continue;
            if (BarCount(candidate) <= MaxBars)
            {
                width = candidate;
                name = label;
                break;
            }
        }

        var counts = new SortedDictionary<long, long>();
        foreach (var (bucket, count) in _buckets)
        {
            long start = Floor(bucket, width);
            counts.TryGetValue(start, out long sum);
            counts[start] = sum + count;
        }
        if (width > 0)
        {
            // Every bar between the first and the last, empty ones too: gaps in time show.
            for (long start = Floor(_minMinute, width); start <= _maxMinute; start += width)
            {
                counts.TryAdd(start, 0);
            }
        }
        foreach (var (start, count) in counts)
        {
            bars.Add((new DateTimeOffset(start * TimeSpan.TicksPerMinute, TimeSpan.Zero), count));
        }
        return (name, bars);
    }

    /// <summary>A bar's label: as short as its width allows.</summary>
    public static string Label(DateTimeOffset start, string width) => width switch
    {
        "year" => start.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
        "quarter" => $"{start.UtcDateTime.Year}-Q{(start.UtcDateTime.Month - 1) / 3 + 1}",
        "month" => start.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => start.UtcDateTime.ToString(width.EndsWith('d') ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    };

    /// <summary>Whether bars of <paramref name="width"/> can be made from the buckets stored.</summary>
    private bool CanShow(int width)
    {
        if (_granularity > 0) return width < 0 || (width >= _granularity && width % _granularity == 0);
        if (width > 0) return false;
        return _granularity == Month ? width is Month or Quarter or Year : width == Year;
    }

    /// <summary>How many bars of <paramref name="width"/> the span from the first record to the last takes.</summary>
    private long BarCount(int width)
    {
        if (width > 0) return (Floor(_maxMinute, width) - Floor(_minMinute, width)) / width + 1;
        var first = ToDate(_minMinute);
        var last = ToDate(_maxMinute);
        long months = (last.Year - first.Year) * 12L + last.Month - first.Month;
        return months / -width + 1;
    }

    private void Coarsen()
    {
        while (_buckets.Count > MaxStoredBuckets)
        {
            int next = Array.IndexOf(s_storedGranularities, _granularity) + 1;
            if (next >= s_storedGranularities.Length) return;
            _granularity = s_storedGranularities[next];
            var coarser = new Dictionary<long, long>();
            foreach (var (bucket, count) in _buckets)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(coarser, Floor(bucket, _granularity), out _) += count;
            }
            _buckets = coarser;
        }
    }

    /// <summary>The start (in minutes since 0001-01-01) of the bar of <paramref name="width"/> that holds <paramref name="minute"/>.</summary>
    private static long Floor(long minute, int width)
    {
        // Minutes since 0001-01-01 are never negative, so integer division floors (and 0001-01-01
        // is a Monday, so 7d bars start on Mondays).
        if (width > 0) return minute / width * width;
        var date = ToDate(minute);
        int month = (date.Month - 1) / -width * -width + 1;
        return new DateTime(date.Year, month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerMinute;
    }

    private static DateTime ToDate(long minute) => new(minute * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
