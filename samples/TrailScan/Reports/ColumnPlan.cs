using System;
using System.Collections.Generic;
using System.Text;

namespace TrailScan.Reports;

/// <summary>
/// The widths of a table of text columns that must fit a width, and its cells broken into lines
/// to them. Spectre.Console, left to itself, gives a column that must not wrap all it asks for and
/// squeezes the others evenly (at 100 columns, event names and principals in 6-character
/// columns), and breaks text anywhere in a word. Here a cell is broken between words: after a
/// space or one of <c>/ @ : . , - _</c>, between the words of a CamelCase name
/// (Describe|Instances), or between the date and the time of day of a time (but not inside
/// either); only a word longer than its column is broken inside. The widths are
/// the ones that make the table cost least (see <see cref="Fit"/>).
/// </summary>
internal sealed class ColumnPlan
{
    // The rows the widths are planned on: evenly spaced ones of a long table (a plan costs
    // columns^2 x width^2 x rows additions).
    private const int PlannedRows = 1000;

    // A word broken inside costs this many lines more than a break after a separator; a name
    // broken between the words of its CamelCase, this many.
    private const int InWordBreakCost = 8;
    private const int InNameBreakCost = 2;

    // A value broken at all costs this much more (see Narrow).
    private const int BrokenCost = 2;

    private ColumnPlan(int[] widths) => Widths = widths;

    /// <summary>Each column's width (its cells' lines are at most this long).</summary>
    public int[] Widths { get; }

    /// <summary>Whether <paramref name="rows"/> fit <paramref name="width"/> with no cell broken (see <see cref="Fit"/>).</summary>
    public static bool FitsWhole(string[] headers, IReadOnlyList<string[]> rows, int width) => Sum(Natural(headers, rows)) <= Available(headers.Length, width);

    // A border before each column and after the last, a space either side of each cell.
    private static int Available(int columns, int width) => width - (3 * columns + 1);

    /// <summary>Each column's width with no cell broken.</summary>
    private static int[] Natural(string[] headers, IReadOnlyList<string[]> rows)
    {
        var natural = new int[headers.Length];
        for (int c = 0; c < natural.Length; c++)
        {
            natural[c] = headers[c].Length;
            foreach (string[] row in rows) natural[c] = Math.Max(natural[c], row[c].Length);
        }
        return natural;
    }

    /// <summary>
    /// The widths for <paramref name="rows"/> under <paramref name="headers"/> in a table drawn
    /// with borders and one space of padding either side of a cell, <paramref name="width"/>
    /// characters wide in all; null when not even the headers fit (the table is left to
    /// Spectre.Console). A column is never narrower than its header, nor than its
    /// <paramref name="minimum"/> while the minimums fit. The columns of <paramref name="tryWhole"/>
    /// are also tried whole (a time, which may be two lines, but reads better in one when the
    /// others can spare it): the cheaper table wins.
    /// </summary>
    public static ColumnPlan? Fit(string[] headers, IReadOnlyList<string[]> rows, int width, int[] minimum, bool[] tryWhole)
    {
        int n = headers.Length;
        int available = Available(n, width);
        var natural = Natural(headers, rows);
        var floor = Array.ConvertAll(headers, h => h.Length);
        if (Sum(natural) <= available) return new ColumnPlan(natural);
        if (Sum(floor) > available) return null;
        for (int c = 0; c < n; c++)
        {
            int wanted = Math.Clamp(minimum[c], floor[c], natural[c]);
            if (Sum(floor) - floor[c] + wanted <= available) floor[c] = wanted;
        }

        // At each width w a column may take, each row's cell: its lines, and what its breaks cost
        // (below), in heights[c][w - floor[c]][r] and breaks[c][w - floor[c]][r].
        var planned = new List<string[]>();
        for (int r = 0; r < rows.Count; r += Math.Max(1, rows.Count / PlannedRows)) planned.Add(rows[r]);
        var heights = new int[n][][];
        var breaks = new int[n][][];
        for (int c = 0; c < n; c++)
        {
            heights[c] = new int[natural[c] - floor[c] + 1][];
            breaks[c] = new int[natural[c] - floor[c] + 1][];
            for (int w = floor[c]; w <= natural[c]; w++)
            {
                var height = heights[c][w - floor[c]] = new int[planned.Count];
                var cost = breaks[c][w - floor[c]] = new int[planned.Count];
                for (int r = 0; r < planned.Count; r++)
                {
                    height[r] = Lines(planned[r][c], w, out int inWords, out int inNames, out int inTimes).Count;
                    cost[r] = height[r] - 1 + (height[r] - 1 > inTimes ? BrokenCost : 0) + InWordBreakCost * inWords + InNameBreakCost * inNames;
                }
            }
        }

        var broken = Narrow(natural, floor, available, heights, breaks, out int brokenCost);
        var wholeFloor = (int[])floor.Clone();
        for (int c = 0; c < n; c++)
        {
            if (tryWhole[c]) wholeFloor[c] = natural[c];
        }
        if (Sum(wholeFloor) <= available && !wholeFloor.AsSpan().SequenceEqual(floor))
        {
            var whole = Narrow(natural, wholeFloor, available, heights, breaks, out int wholeCost, floor);
            if (wholeCost <= brokenCost) return new ColumnPlan(whole);
        }
        return new ColumnPlan(broken);
    }

    /// <summary>
    /// The widths, from <paramref name="natural"/> down to <paramref name="floor"/>, that fit
    /// <paramref name="available"/> at the least cost. What a table costs: its lines, more for
    /// each cell broken (a short value broken, us-|east-1, reads worse than a long one broken
    /// once more; a time in two lines, its date and its time of day, is not counted so), one more for each break after a separator (else a row two lines tall whatever
    /// its other cells take would have them all broken), more for one between the words of a
    /// name, and more still for one inside a word. Step by step the column that costs the least
    /// for each character it gives up is narrowed (several at once where the cost is in steps),
    /// until the table fits.
    /// </summary>
    /// <param name="counted">The floors <paramref name="heights"/> and <paramref name="breaks"/> count widths from (default: <paramref name="floor"/>).</param>
    private static int[] Narrow(int[] natural, int[] floor, int available, int[][][] heights, int[][][] breaks, out int total, int[]? counted = null)
    {
        counted ??= floor;
        int n = natural.Length;
        int rowCount = heights[0][0].Length;
        var widths = (int[])natural.Clone();
        int over = Sum(widths) - available;
        var tallest = new int[rowCount]; // each row's tallest cell but the column tried
        var others = new int[rowCount]; // and what the breaks of its cells but that column's cost
        while (over > 0)
        {
            int bestColumn = -1, bestBy = 0;
            double bestRate = double.MaxValue;
            for (int c = 0; c < n; c++)
            {
                if (widths[c] == floor[c]) continue;
                Others(c);
                int now = Cost(tallest, others, heights[c][widths[c] - counted[c]], breaks[c][widths[c] - counted[c]]);
                for (int by = 1; by <= widths[c] - floor[c]; by++)
                {
                    int at = widths[c] - by - counted[c];
                    // Past what is needed, a cut counts at what is needed (it may save more later, never now).
                    double rate = (double)(Cost(tallest, others, heights[c][at], breaks[c][at]) - now) / Math.Min(by, over);
                    if (rate < bestRate) (bestColumn, bestBy, bestRate) = (c, by, rate);
                }
            }
            widths[bestColumn] -= bestBy;
            over -= bestBy;
        }
        if (over < 0) Widen(widths, natural, -over);
        Others(0);
        total = Cost(tallest, others, heights[0][widths[0] - counted[0]], breaks[0][widths[0] - counted[0]]);
        return widths;

        void Others(int c)
        {
            Array.Fill(tallest, 1);
            Array.Clear(others);
            for (int o = 0; o < n; o++)
            {
                if (o == c) continue;
                var height = heights[o][widths[o] - counted[o]];
                var cost = breaks[o][widths[o] - counted[o]];
                for (int r = 0; r < tallest.Length; r++)
                {
                    tallest[r] = Math.Max(tallest[r], height[r]);
                    others[r] += cost[r];
                }
            }
        }
    }

    /// <summary>What the rows cost (see <see cref="Fit"/>) with a column's cells of these heights and breaks.</summary>
    private static int Cost(int[] tallest, int[] others, int[] height, int[] breaks)
    {
        int cost = 0;
        for (int r = 0; r < tallest.Length; r++) cost += Math.Max(tallest[r], height[r]) + others[r] + breaks[r];
        return cost;
    }

    /// <summary>Gives <paramref name="spare"/> characters, one at a time, to the narrowest columns narrower than <paramref name="natural"/>.</summary>
    private static void Widen(int[] widths, int[] natural, int spare)
    {
        while (spare > 0)
        {
            int narrowest = -1;
            for (int c = 0; c < widths.Length; c++)
            {
                if (widths[c] < natural[c] && (narrowest < 0 || widths[c] < widths[narrowest])) narrowest = c;
            }
            if (narrowest < 0) return;
            widths[narrowest]++;
            spare--;
        }
    }

    private static int Sum(int[] values)
    {
        int sum = 0;
        foreach (int value in values) sum += value;
        return sum;
    }

    /// <summary><paramref name="text"/> in lines of at most <paramref name="width"/> characters, broken between words (see <see cref="ColumnPlan"/>).</summary>
    public static string Wrap(string text, int width) => text.Length <= width ? text : string.Join('\n', Lines(text, width, out _, out _, out _));

    /// <summary>The lines of <see cref="Wrap"/>, and how many of its breaks are inside a word, and between the words of a CamelCase name.</summary>
    private static List<string> Lines(string text, int width, out int inWords, out int inNames, out int inTimes)
    {
        var lines = new List<string>();
        inWords = 0;
        inNames = 0;
        inTimes = 0;
        if (text.Length <= width)
        {
            lines.Add(text);
            return lines;
        }
        var line = new StringBuilder();
        for (int start = 0; start < text.Length;)
        {
            int end = WordEnd(text, start);
            var word = text.AsSpan(start, end - start);
            start = end;
            if (line.Length > 0 && line.Length + word.TrimEnd(' ').Length > width)
            {
                if (line[^1] == 'T' && line.Length > 1 && char.IsAsciiDigit(line[^2])) inTimes++;
                else if (char.IsLetter(line[^1])) inNames++;
                EndLine(lines, line);
                word = word.TrimStart(' ');
            }
            // A word longer than a line: as much as fits on each line.
            while (word.TrimEnd(' ').Length > width - line.Length)
            {
                int take = width - line.Length;
                line.Append(word[..take]);
                EndLine(lines, line);
                word = word[take..];
                inWords++;
            }
            // Spaces after the last word that fits are left out.
            line.Append(word.Length > width - line.Length ? word.TrimEnd(' ') : word);
        }
        if (line.Length > 0) EndLine(lines, line);
        return lines;
    }

    private static void EndLine(List<string> lines, StringBuilder line)
    {
        lines.Add(line.ToString().TrimEnd(' '));
        line.Clear();
    }

    /// <summary>The length of the longest word of <paramref name="text"/> (see <see cref="ColumnPlan"/>).</summary>
    public static int LongestWord(string text)
    {
        int longest = 0;
        for (int start = 0; start < text.Length;)
        {
            int end = WordEnd(text, start);
            longest = Math.Max(longest, text.AsSpan(start, end - start).TrimEnd(' ').Length);
            start = end;
        }
        return longest;
    }

    /// <summary>Where the word starting at <paramref name="start"/> ends: after a separator, or before the capital that starts the next word of a CamelCase name.</summary>
    private static int WordEnd(string text, int start)
    {
        for (int i = start; i < text.Length; i++)
        {
            // A '-' or ':' before a digit holds it to what comes before: a date (2025-01-06), a time
            // of day (00:05:02), a region (us-east-1), an instance id (i-0123456789abcdef0).
            bool beforeDigit = text[i] is '-' or ':' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (" /@:.,-_".Contains(text[i], StringComparison.Ordinal) && !beforeDigit) return i + 1;
            if (i > start && char.IsUpper(text[i]) && char.IsLower(text[i - 1])) return i;
            if (text[i] == 'T' && i > start && char.IsAsciiDigit(text[i - 1])) return i + 1; // an ISO 8601 time: its date, then its time of day
        }
        return text.Length;
    }
}
