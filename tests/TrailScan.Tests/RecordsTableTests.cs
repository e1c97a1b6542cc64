using System;
using System.Collections.Generic;
using System.Linq;
using TrailScan.Commands;
using TrailScan.Reading;
using Xunit;

namespace TrailScan.Tests;

/// <summary>records --format table: its columns fit the width, and values are broken between words.</summary>
public class RecordsTableTests
{
    [Fact]
    public void At_100_columns_event_names_and_principals_of_the_sample_logs_are_broken_between_words_only()
    {
        // The default columns (time,service,event,principal,ip,region,error) of the sample logs.
        var table = App.Run("records", Inputs.SampleLogFolder, "--format", "table");
        Assert.True(table.ExitCode == 0, table.ToString());
        var csv = App.Run("records", Inputs.SampleLogFolder, "--format", "csv");
        var expected = csv.Lines.Skip(1).Select(line => line.TrimEnd('\r').Split(',')).ToList();

        Assert.All(table.Lines, line => Assert.True(line.Length <= 100, line));
        var rows = Rows(table.Lines);
        Assert.Equal(expected.Count, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var (eventLines, principalLines) = (rows[r][2], rows[r][3]);
            Assert.Equal(expected[r][2], string.Concat(eventLines));
            // A long hex id (an ECS task's session) is shortened to 8 digits and "…".
            Assert.Equal(RecordsCommand.ShortHexIds(expected[r][3] is "" ? "-" : expected[r][3]), string.Concat(principalLines));
            AssertBrokenBetweenWords(eventLines);
            AssertBrokenBetweenWords(principalLines);
        }
        // The table is planned, not squeezed: event names get more than Spectre.Console's 7 characters.
        Assert.Contains(rows, row => row[2].Count == 1 && row[2][0] == "GetParameters");
    }

    [Theory]
    [InlineData("thumbnailer-role/thumbnailer", 17, "thumbnailer-role/|thumbnailer")]
    [InlineData("DescribeInstanceInformation", 18, "DescribeInstance|Information")]
    [InlineData("2025-01-06T00:05:02Z", 12, "2025-01-06T|00:05:02Z")]
    [InlineData("us-east-1", 6, "us-|east-1")]
    [InlineData("i-0123456789abcdef0", 10, "i-01234567|89abcdef0")] // a word longer than the column: broken inside
    [InlineData("Access Denied now", 8, "Access|Denied|now")]
    public void Cells_are_broken_after_separators_and_between_camel_case_words(string text, int width, string lines)
    {
        Assert.Equal(lines.Replace('|', '\n'), TrailScan.Reports.ColumnPlan.Wrap(text, width));
    }

    /// <summary>Each record's cells, as lists of lines, from the table's rows (a record starts where its time does).</summary>
    private static List<List<string>[]> Rows(string[] lines)
    {
        var rows = new List<List<string>[]>();
        foreach (string line in lines)
        {
            if (!line.StartsWith('│')) continue;
            string[] cells = line.Split('│')[1..^1].Select(c => c.Trim()).ToArray();
            if (cells[0] == "time") continue;
            if (cells[0].Length >= 10 && char.IsAsciiDigit(cells[0][0]) && cells[0][4] == '-') rows.Add(cells.Select(_ => new List<string>()).ToArray());
            for (int c = 0; c < cells.Length; c++)
            {
                if (cells[c].Length > 0) rows[^1][c].Add(cells[c]);
            }
        }
        return rows;
    }

    /// <summary>
    /// Where one line ends and the next begins is after a separator (/ @ : . , - _), or between
    /// the words of a CamelCase name: never between two letters or digits of one word.
    /// </summary>
    private static void AssertBrokenBetweenWords(List<string> lines)
    {
        for (int i = 1; i < lines.Count; i++)
        {
            char before = lines[i - 1][^1], after = lines[i][0];
            bool camelCase = char.IsLower(before) && char.IsUpper(after);
            Assert.True("/@:.,-_".Contains(before) || camelCase, $"broken inside a word: '{lines[i - 1]}' | '{lines[i]}'");
        }
    }
}
