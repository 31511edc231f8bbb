using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Exams;

/// <summary>Sittings are numbered and judged in the order they were taken, whatever order they were reported in.</summary>
public sealed class SittingOrderTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Sitting At(int day, bool passed, string? id = null) => new(Guid.NewGuid(), Day0.AddDays(day), id ?? $"s{day}", passed);

    [Fact]
    public void JudgeInOrder_SittingsReportedNewestFirst_AreNumberedByWhenTheyWereTaken()
    {
        var (first, second, third) = (At(0, false), At(40, false), At(80, true));

        var judged = ExamAttemptRules.JudgeInOrder(new ExamRules(), [third, first, second]);

        Assert.Equal([(first, 1), (second, 2), (third, 3)], judged.Select(j => (j.Sitting, j.Number)));
    }

    [Fact]
    public void JudgeInOrder_APassInsideTheWaitAfterAnEarlierFail_DoesNotCount_WhicheverArrivedFirst()
    {
        var rules = new ExamRules { RetakeWaitDays = 30 };
        var (fail, pass) = (At(0, false), At(10, true));

        var newestFirst = ExamAttemptRules.JudgeInOrder(rules, [pass, fail]);
        var oldestFirst = ExamAttemptRules.JudgeInOrder(rules, [fail, pass]);

        foreach (var judged in new[] { newestFirst, oldestFirst })
        {
            Assert.True(judged.Single(j => j.Sitting == fail).Check.Allowed);
            var late = judged.Single(j => j.Sitting == pass).Check;
            Assert.False(late.Allowed);
            Assert.Equal(Day0.AddDays(30), late.NextAllowedAt);
        }
    }

    [Fact]
    public void JudgeInOrder_TheAttemptLimit_IsReachedByTheEarliestSittings()
    {
        var rules = new ExamRules { MaxAttempts = 2 };
        var (a, b, c) = (At(0, false), At(100, false), At(200, true));

        var judged = ExamAttemptRules.JudgeInOrder(rules, [c, b, a]);

        Assert.Equal([true, true, false], judged.Select(j => j.Check.Allowed));
        Assert.Same(c, judged[2].Sitting);
    }

    [Fact]
    public void JudgeInOrder_SittingsTakenAtTheSameInstant_AreOrderedBySourceRecordId_NotByArrival()
    {
        var (b, a) = (At(5, false, "stmt-b"), At(5, false, "stmt-a"));

        var judged = ExamAttemptRules.JudgeInOrder(new ExamRules(), [b, a]);

        Assert.Equal(["stmt-a", "stmt-b"], judged.Select(j => j.Sitting.SourceRecordId));
    }

    [Fact]
    public void Rejudged_ReplacesTheNoteOnTheRules_AndKeepsTheNoteOnTheScore()
    {
        const string scoreNote = "The source reported no score; its pass was taken.";
        var refused = new AttemptCheck(false, "Too soon.", null);

        var notCounting = ExamAttemptRules.Rejudged(scoreNote, refused);
        var countingAgain = ExamAttemptRules.Rejudged(notCounting, AttemptCheck.Ok);

        Assert.Equal($"{scoreNote} {ExamAttemptRules.NotCountingNote("Too soon.")}", notCounting);
        Assert.Equal(scoreNote, countingAgain);
        Assert.Null(ExamAttemptRules.Rejudged(ExamAttemptRules.NotCountingNote("Too soon."), AttemptCheck.Ok));
    }
}
