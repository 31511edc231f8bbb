using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Exams;

public sealed class ExamAttemptRulesTests
{
    private static readonly DateTimeOffset Failed = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(70, 100, 70, true)]
    [InlineData(69.99, 100, 70, false)]
    [InlineData(35, 50, 70, true)]
    [InlineData(34, 50, 70, false)]
    [InlineData(80, 100, 80.5, false)]
    [InlineData(161, 200, 80.5, true)]
    public void Passed_ComparesTheShareOfTheMaximumWithThePassingScore(decimal score, decimal max, decimal passing, bool expected)
    {
        var rules = new ExamRules { PassingScorePercent = passing };

        Assert.Equal(expected, ExamAttemptRules.Passed(rules, score, max));
    }

    [Fact]
    public void Check_WhenTheAttemptLimitIsReached_RefusesWithNoNextDate()
    {
        var rules = new ExamRules { MaxAttempts = 3 };

        var check = ExamAttemptRules.Check(rules, new ExamHistory(3, Failed), Failed.AddDays(400));

        Assert.False(check.Allowed);
        Assert.Null(check.NextAllowedAt);
        Assert.Contains("at most 3 attempts", check.Reason);
    }

    [Fact]
    public void Check_InsideTheWaitAfterAFailure_RefusesAndNamesTheNextAllowedDate()
    {
        var rules = new ExamRules { RetakeWaitDays = 30 };

        var check = ExamAttemptRules.Check(rules, new ExamHistory(1, Failed), Failed.AddDays(29));

        Assert.False(check.Allowed);
        Assert.Equal(Failed.AddDays(30), check.NextAllowedAt);
        Assert.Contains("2026-04-09", check.Reason);
    }

    [Fact]
    public void Check_OnTheDayTheWaitEnds_Allows()
    {
        var rules = new ExamRules { MaxAttempts = 3, RetakeWaitDays = 30 };

        Assert.True(ExamAttemptRules.Check(rules, new ExamHistory(2, Failed), Failed.AddDays(30)).Allowed);
    }

    [Fact]
    public void Check_ForASittingReportedFromBeforeTheLastFailure_DoesNotApplyThatFailuresWait()
    {
        var rules = new ExamRules { RetakeWaitDays = 30 };

        Assert.True(ExamAttemptRules.Check(rules, new ExamHistory(1, Failed), Failed.AddDays(-2)).Allowed);
    }

    [Fact]
    public void History_With_CountsTheAttemptAndRemembersOnlyFailuresAsTheWaitsStart()
    {
        var history = ExamHistory.None
            .With(new ExamAttempt { AttemptNumber = 1, Passed = false, TakenAt = Failed })
            .With(new ExamAttempt { AttemptNumber = 2, Passed = true, TakenAt = Failed.AddDays(40) });

        Assert.Equal(new ExamHistory(2, Failed), history);
    }

    [Fact]
    public void Validate_ReportsEveryBadFieldByItsPath()
    {
        var errors = ExamAttemptRules.Validate(score: -1, maxScore: 0, takenAt: Now.AddMinutes(1), sourceRecordId: new string('x', 129), Now);

        Assert.Equal(["maxScore", "score", "sourceRecordId", "takenAt"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_WhenTheScoreIsAboveTheMaximum_SaysSoOnScore()
    {
        var errors = ExamAttemptRules.Validate(score: 101, maxScore: 100, takenAt: Now, sourceRecordId: null, Now);

        Assert.Contains("greater than the max score", Assert.Single(errors["score"]));
    }
}
