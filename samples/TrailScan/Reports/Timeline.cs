using System;
using System.Collections.Generic;
using System.Globalization;

namespace TrailScan.Reports;

/// <summary>
/// Counts records over time in bounded memory: per minute while that gives few buckets, coarser
/// (hour, then day) when the input spans long enough to make too many. Then groups the counts
/// into at most <see cref="MaxBars"/> bars of a round width.
/// </summary>
public sealed class Timeline
{
    /// <summary>The most bars a chart gets.</summary>
    public const int MaxBars = 24;

    private const int MaxStoredBuckets = 20_000;

    // Bar widths to choose from, in minutes: the smallest that gives at most MaxBars bars wins.
    private static readonly (int Minutes, string Name)[] s_widths =
    [
        (1, "1m"), (5, "5m"), (10, "10m"), (15, "15m"), (30, "30m"), (60, "1h"), (120, "2h"), (180, "3h"),
        (360, "6h"), (720, "12h"), (1440, "1d"), (2 * 1440, "2d"), (7 * 1440, "7d"), (14 * 1440, "14d"),
        (30 * 1440, "30d"), (91 * 1440, "91d"), (365 * 1440, "365d"),
    ];

    private static readonly int[] s_storedGranularities = [1, 60, 1440, 7 * 1440, 365 * 1440];

    private Dictionary<long, long> _buckets = new();
    private int _granularity = 1; // minutes per stored bucket
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

    /// <summary>The bars: each one's start (UTC) and count, every bar between the first and last record (empty ones too), and the bar width's name ("1h").</summary>
    public (string Width, List<(DateTimeOffset Start, long Count)> Bars) GetBars()
    {
        var bars = new List<(DateTimeOffset, long)>();
        if (_buckets.Count == 0) return ("-", bars);

        int width = s_widths[^1].Minutes;
        string name = s_widths[^1].Name;
        foreach (var (minutes, label) in s_widths)
        {
            if (minutes < _granularity || minutes % _granularity != 0) continue;
            long count = Floor(_maxMinute, minutes) / minutes - Floor(_minMinute, minutes) / minutes + 1;
            if (count <= MaxBars)
            {
                width = minutes;
                name = label;
                break;
            }
        }

        long first = Floor(_minMinute, width);
        long last = Floor(_maxMinute, width);
        var counts = new long[(last - first) / width + 1];
        foreach (var (bucket, count) in _buckets)
        {
            counts[(Floor(bucket, width) - first) / width] += count;
        }
        for (int i = 0; i < counts.Length; i++)
        {
            bars.Add((new DateTimeOffset((first + (long)i * width) * TimeSpan.TicksPerMinute, TimeSpan.Zero), counts[i]));
        }
        return (name, bars);
    }

    /// <summary>A bar's label: as short as its width allows.</summary>
    public static string Label(DateTimeOffset start, string width) =>
        start.UtcDateTime.ToString(width.EndsWith('d') ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

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

    // Minutes since 0001-01-01 are never negative, so integer division floors.
    private static long Floor(long minute, int width) => minute / width * width;
}
