using System;
using System.Linq;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>The AWSLogs layout's day folders: the names <see cref="CloudTrailS3Layout.DayFolders"/> builds, read back.</summary>
public sealed class CloudTrailS3LayoutTests
{
    [Theory]
    [InlineData("2024-02-26", "2024-03-02")] // a leap February's end
    [InlineData("2023-12-30", "2024-01-02")] // a year's end
    [InlineData("0001-01-01", "0001-01-03")]
    [InlineData("9999-12-28", "9999-12-30")]
    public void Every_day_folder_built_reads_back_as_its_day(string from, string to)
    {
        var start = DateTimeOffset.Parse(from + "T12:00:00Z");
        var end = DateTimeOffset.Parse(to + "T00:00:00Z");
        var folders = CloudTrailS3Layout.DayFolders(start, end).ToList();

        Assert.Equal((end.Date - start.Date).Days + 1, folders.Count);
        for (int i = 0; i < folders.Count; i++)
        {
            var parts = folders[i].Split('/');
            Assert.Equal(4, parts.Length); // YYYY/MM/DD/
            Assert.True(CloudTrailS3Layout.TryParseYear(parts[0], out int year), folders[i]);
            Assert.True(CloudTrailS3Layout.TryParseMonth(parts[1], out int month), folders[i]);
            Assert.True(CloudTrailS3Layout.TryParseDay(parts[2], year, month, out int day), folders[i]);
            Assert.Equal(start.Date.AddDays(i), new DateTime(year, month, day));
        }
    }

    [Theory]
    [InlineData("2025")]
    [InlineData("0001")]
    [InlineData("9999")]
    public void A_year_is_four_digits(string name) => Assert.True(CloudTrailS3Layout.TryParseYear(name, out _));

    [Theory]
    [InlineData("0000")]
    [InlineData("202")]
    [InlineData("20250")]
    [InlineData("2o25")]
    [InlineData("+202")]
    [InlineData(" 2025")]
    [InlineData("２０２５")] // full-width digits
    [InlineData("")]
    public void Other_year_names_are_not_years(string name)
    {
        Assert.False(CloudTrailS3Layout.TryParseYear(name, out _));
    }

    [Theory]
    [InlineData("00")]
    [InlineData("13")]
    [InlineData("1")]
    [InlineData("012")]
    [InlineData("-1")]
    public void Months_are_01_to_12(string name)
    {
        Assert.False(CloudTrailS3Layout.TryParseMonth(name, out _));
        Assert.True(CloudTrailS3Layout.TryParseMonth("12", out int december));
        Assert.Equal(12, december);
    }

    [Theory]
    [InlineData("111122223333", true)]
    [InlineData("000000000000", true)]
    [InlineData("11112222333", false)]
    [InlineData("1111222233334", false)]
    [InlineData("11112222333a", false)]
    [InlineData("１１１１２２２２３３３３", false)] // full-width digits
    [InlineData("", false)]
    public void An_account_folder_is_12_digits(string name, bool isAccount) => Assert.Equal(isAccount, CloudTrailS3Layout.IsAccountFolder(name));

    [Theory]
    [InlineData("o-aa111bb222", true)]
    [InlineData("o-abcdefghij", true)] // 10 after o-
    [InlineData("o-abcdefghijklmnopqrstuvwxyz012345", true)] // 32
    [InlineData("o-abcdefghi", false)] // 9
    [InlineData("o-abcdefghijklmnopqrstuvwxyz0123456", false)] // 33
    [InlineData("o-AA111BB222", false)]
    [InlineData("O-aa111bb222", false)]
    [InlineData("o-aa111-b222", false)]
    [InlineData("ou-aa111bb222", false)]
    [InlineData("o-", false)]
    public void An_organization_folder_is_o_and_10_to_32_lowercase_letters_or_digits(string name, bool isOrganization) =>
        Assert.Equal(isOrganization, CloudTrailS3Layout.IsOrganizationFolder(name));

    [Theory]
    [InlineData(2024, 2, "29", true)]
    [InlineData(2023, 2, "29", false)]
    [InlineData(2024, 4, "30", true)]
    [InlineData(2024, 4, "31", false)]
    [InlineData(2024, 1, "31", true)]
    [InlineData(2024, 1, "00", false)]
    [InlineData(2024, 1, "7", false)]
    [InlineData(2024, 1, "07", true)]
    public void Days_run_to_the_last_of_their_month(int year, int month, string name, bool isDay)
    {
        Assert.Equal(isDay, CloudTrailS3Layout.TryParseDay(name, year, month, out int day));
        if (isDay) Assert.Equal(int.Parse(name), day);
    }
}
