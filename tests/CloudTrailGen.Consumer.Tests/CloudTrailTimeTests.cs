using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CloudTrailGen;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// The month-name form (<c>Jan 19, 2023 5:55:08 PM</c>), read by a fast path of its own: it must
/// give exactly what the framework's exact parser gives for the same text, and read what it does not.
/// </summary>
public class CloudTrailTimeTests
{
    private static readonly string[] s_formats =
    {
        "MMM d, yyyy h:mm:ss tt", "MMM d, yyyy, h:mm:ss tt", "MMM d, yyyy h:mm:ss\u202Ftt", "MMM d, yyyy, h:mm:ss\u202Ftt", "MMM d, yyyy H:mm:ss",
    };

    private static (bool Ok, DateTimeOffset Value) Framework(string text) =>
        (DateTimeOffset.TryParseExact(text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var value), value);

    private static (bool Ok, DateTimeOffset Value) Ours(string text) =>
        (CloudTrailTime.TryParse(Encoding.UTF8.GetBytes(text), out var value), value);

    [Theory]
    [InlineData("Jan 19, 2023 5:55:08 PM", "2023-01-19T17:55:08Z")]
    [InlineData("Dec 31, 2024, 11:59:59 PM", "2024-12-31T23:59:59Z")]
    [InlineData("Mar 1, 2021 12:00:00 AM", "2021-03-01T00:00:00Z")]
    [InlineData("Mar 01, 2021 12:30:00 PM", "2021-03-01T12:30:00Z")]
    [InlineData("Feb 29, 2024 1:02:03\u202FAM", "2024-02-29T01:02:03Z")]
    [InlineData("Sep 9, 2025 09:05:07 AM", "2025-09-09T09:05:07Z")]
    [InlineData("Jan 01, 2019 0:00:00 PM", "2019-01-01T12:00:00Z")]  // hour 0 on a 12-hour clock, as some services write it
    [InlineData("Jan 19, 2023 0:55:08 AM", "2023-01-19T00:55:08Z")]
    public void The_month_name_form_reads_as_utc(string text, string expected)
    {
        Assert.True(CloudTrailTime.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(Framework(text), Ours(text));
    }

    [Theory]
    [InlineData("Feb 29, 2023 1:02:03 AM")]  // not a leap year
    [InlineData("Jan 32, 2023 1:02:03 AM")]
    [InlineData("Jan 0, 2023 1:02:03 AM")]
    [InlineData("Jan 1, 2023 13:02:03 PM")]
    [InlineData("Jan 1, 2023 1:60:03 AM")]
    [InlineData("Jan 1, 2023 1:02:61 AM")]
    [InlineData("Jan 1, 2023 1:02:03 XM")]
    [InlineData("Jan 1, 2023 1:02:03 AMX")]
    [InlineData("Jna 1, 2023 1:02:03 AM")]
    [InlineData("anF 1, 2023 1:02:03 AM")]
    [InlineData("Jan 1 2023 1:02:03 AM")]
    public void Text_that_is_not_a_time_is_refused_as_the_framework_refuses_it(string text)
    {
        Assert.False(Ours(text).Ok);
        Assert.False(Framework(text).Ok);
    }

    [Theory]
    [InlineData("jan 19, 2023 5:55:08 pm")]   // other letter case
    [InlineData("Jan 19, 2023 17:55:08")]     // 24-hour clock
    [InlineData("Jan 19, 2023  5:55:08 PM")]  // extra space
    [InlineData(" Jan 19, 2023 5:55:08 PM ")]
    public void Other_spellings_are_left_to_the_framework_and_read_as_it_reads_them(string text)
    {
        Assert.Equal(Framework(text), Ours(text));
    }

    [Fact]
    public void Every_hour_minute_second_and_day_of_a_leap_and_a_common_year_reads_as_the_framework_reads_it()
    {
        var texts = new List<string>();
        var random = new Random(20261207);
        foreach (int year in new[] { 1, 1900, 2000, 2023, 2024, 9999 })
        {
            for (int day = 0; day < (DateTime.IsLeapYear(year) ? 366 : 365); day++)
            {
                var time = new DateTime(year, 1, 1).AddDays(day).AddSeconds(random.Next(86_400));
                string spelling = s_formats[random.Next(4)];
                texts.Add(time.ToString(spelling, CultureInfo.InvariantCulture));
            }
        }
        for (int hour = 0; hour < 24; hour++)
        {
            texts.Add(new DateTime(2024, 2, 29, hour, 0, 59).ToString(s_formats[0], CultureInfo.InvariantCulture));
            texts.Add($"Feb 29, 2024 {hour % 13}:00:59 {(hour < 12 ? "AM" : "PM")}");
        }
        foreach (string text in texts)
        {
            var ours = Ours(text);
            Assert.True(ours.Ok, text);
            Assert.Equal(Framework(text), ours);
        }
    }
}
