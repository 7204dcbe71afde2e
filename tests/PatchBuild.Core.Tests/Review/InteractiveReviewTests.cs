using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.Review;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Review;

/// <summary>The engine side of `apply --interactive` on real folders: steps, previews, selections, edits, the commit.</summary>
public sealed class InteractiveReviewTests : IDisposable
{
    private const string Original = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n";

    // Two edits of notes.txt; a new file, then an edit of that new file (it needs the creation); a deletion.
    private const string Patch = """
        0a1b2c3d AP 3.2

        0a1b2c3d FILE
        notes.txt
        0a1b2c3d REPLACE
        0a1b2c3d snippet
        beta
        0a1b2c3d content
        BETA

        0a1b2c3d REPLACE
        0a1b2c3d snippet
        theta
        0a1b2c3d content
        THETA

        0a1b2c3d FILE
        added.txt
        0a1b2c3d CREATE
        0a1b2c3d content
        fresh

        0a1b2c3d FILE
        added.txt
        0a1b2c3d REPLACE
        0a1b2c3d snippet
        fresh
        0a1b2c3d content
        fresher

        0a1b2c3d FILE
        old.txt
        0a1b2c3d DELETE

        """;

    private readonly TempFolder _folder = new();

    public InteractiveReviewTests()
    {
        _folder.Write("patchbuild.json", "{}");
        _folder.Write("notes.txt", Original);
        _folder.Write("old.txt", "to be deleted\n");
        _folder.Write("fix.ap", Patch);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<InteractiveReview> StartAsync()
    {
        var start = await InteractiveReview.StartAsync(new PatchEngine(), [_folder.Combine("fix.ap")], new ApplyOptions { Root = _folder.Path });
        Assert.Null(start.Failure);
        return start.Review!;
    }

    [Fact]
    public async Task Steps_are_one_per_modification_and_one_per_whole_file_change()
    {
        var review = await StartAsync();

        Assert.Equal(
            [new ReviewStep(0, 0, 0), new ReviewStep(0, 0, 1), new ReviewStep(0, 1, null), new ReviewStep(0, 2, 0), new ReviewStep(0, 3, null)],
            review.Steps);
    }

    [Fact]
    public async Task Build_keeps_the_included_modifications_and_drops_a_file_change_left_empty()
    {
        var review = await StartAsync();

        var built = review.Selection.Build(s => s == new ReviewStep(0, 0, 1) || s == new ReviewStep(0, 3, null));

        var files = built.Single().Files;
        Assert.Equal(2, files.Count);
        Assert.Equal("notes.txt", files[0].Path);
        Assert.Equal(review.Patches[0].Files[0].Modifications[1], Assert.Single(files[0].Modifications));
        Assert.Equal(FileChangeKind.Delete, files[1].Kind);
    }

    [Fact]
    public async Task A_preview_shows_only_its_step_on_top_of_the_earlier_answers()
    {
        var review = await StartAsync();
        review.Selection.Decide(review.Steps[0], ReviewDecision.Accepted);
        review.Selection.Decide(review.Steps[1], ReviewDecision.Rejected);
        review.Selection.Decide(review.Steps[2], ReviewDecision.Accepted);

        var edit = review.Preview(review.Steps[3]);

        Assert.Null(edit.Error);
        // An edit of the file created by the accepted step before it, not a new file.
        Assert.Equal("diff --git a/added.txt b/added.txt\n--- a/added.txt\n+++ b/added.txt\n@@ -1 +1 @@\n-fresh\n+fresher\n", edit.Diff);
        Assert.DoesNotContain("BETA", review.Preview(review.Steps[1]).Diff.Replace("+THETA", ""));
    }

    [Fact]
    public async Task A_step_that_needs_a_rejected_one_previews_as_its_error()
    {
        var review = await StartAsync();
        review.Selection.Decide(review.Steps[2], ReviewDecision.Rejected);

        var edit = review.Preview(review.Steps[3]);

        Assert.Equal(ErrorCodes.FileNotFound, edit.Error?.Code);
        Assert.Equal("", edit.Diff);
    }

    [Fact]
    public async Task The_accepted_steps_are_committed_as_one_journaled_transaction()
    {
        var review = await StartAsync();
        var answers = new[] { ReviewDecision.Accepted, ReviewDecision.Rejected, ReviewDecision.Accepted, ReviewDecision.Rejected, ReviewDecision.Rejected };
        for (int i = 0; i < answers.Length; i++)
        {
            review.Selection.Decide(review.Steps[i], answers[i]);
        }

        var result = await review.ApplyAcceptedAsync(archive: true);

        Assert.Equal(ApplyStatus.Success, result.Status);
        Assert.Equal(Original.Replace("beta\n", "BETA\n"), _folder.Read("notes.txt"));
        Assert.Equal("fresh\n", _folder.Read("added.txt"));
        Assert.True(_folder.Exists("old.txt"));
        Assert.True(_folder.Exists("fix.ap")); // applied in part: not archived
        var history = await new PatchEngine().GetHistoryAsync(_folder.Path);
        Assert.Equal(result.HistoryId, Assert.Single(history.Entries).Id);
    }

    [Fact]
    public async Task An_edit_replaces_its_file_change_and_settles_the_files_other_steps()
    {
        var review = await StartAsync();
        var step = review.Steps[1];
        var content = review.ContentToEdit(step);
        Assert.Null(content.Refusal);
        Assert.Equal(Original, content.BaseText);
        Assert.Equal(Original.Replace("beta\n", "BETA\n").Replace("theta", "THETA"), content.Text);

        var errors = await review.TryEditAsync(step, content, "hand written\n");

        Assert.Empty(errors);
        Assert.All(review.Steps.Take(2), s => Assert.Equal(ReviewDecision.Accepted, review.Selection.DecisionOf(s)));
        var edited = review.Selection.Accepted().Single().Files[0];
        Assert.Equal(FileChangeKind.Recreate, edited.Kind);
        Assert.Equal(ContentHash.OfText(Original), edited.BaseHash);
        Assert.Equal(Original, edited.ExpectedContent);
    }

    [Fact]
    public async Task An_edit_that_fails_validation_is_undone_and_its_errors_returned()
    {
        _folder.Write("src/A.cs", "class A { }\n");
        _folder.Write("fix.ap", "0a1b2c3d AP 3.2\n\n0a1b2c3d FILE\nsrc/A.cs\n0a1b2c3d REPLACE\n0a1b2c3d snippet\nclass A { }\n0a1b2c3d content\nclass A { int X; }\n");
        var review = await StartAsync();
        var step = review.Steps.Single();
        var content = review.ContentToEdit(step);

        var errors = await review.TryEditAsync(step, content, "class A { int X; \n");

        Assert.Equal(ErrorCodes.ValidationFailed, Assert.Single(errors).Code);
        Assert.False(review.Selection.IsEdited(step));
        Assert.Equal(ReviewDecision.Undecided, review.Selection.DecisionOf(step));
    }

    [Fact]
    public async Task An_edited_file_changed_on_disk_before_the_commit_is_merged_not_overwritten()
    {
        var review = await StartAsync();
        var step = review.Steps[0];
        var content = review.ContentToEdit(step);
        Assert.Empty(await review.TryEditAsync(step, content, Original.Replace("alpha", "ALPHA")));

        // Someone saves the file while the questions are still being answered.
        _folder.Write("notes.txt", Original.Replace("eta\ntheta", "eta\ntheta (saved meanwhile)"));
        var result = await review.ApplyAcceptedAsync(archive: false);

        Assert.Equal(ApplyStatus.Success, result.Status);
        Assert.Equal(Original.Replace("alpha", "ALPHA").Replace("eta\ntheta", "eta\ntheta (saved meanwhile)"), _folder.Read("notes.txt"));
    }

    [Theory]
    [InlineData(2, null)] // create: editable, no base
    [InlineData(4, "deletes a path")]
    public async Task Whole_file_changes_are_editable_only_when_they_leave_a_file(int index, string? refusal)
    {
        var review = await StartAsync();

        var content = review.ContentToEdit(review.Steps[index]);

        Assert.Equal(refusal is null, content.Refusal is null);
        if (refusal is null)
        {
            Assert.Equal("fresh\n", content.Text);
            Assert.Null(content.BaseText);
        }
        else
        {
            Assert.Contains(refusal, content.Refusal);
        }
    }

    [Fact]
    public async Task A_patch_that_does_not_plan_whole_gives_applys_failure_and_no_review()
    {
        _folder.Write("fix.ap", Patch.Replace("snippet\ntheta", "snippet\nno such line", StringComparison.Ordinal));
        var before = _folder.Snapshot();

        var start = await InteractiveReview.StartAsync(new PatchEngine(), [_folder.Combine("fix.ap")], new ApplyOptions { Root = _folder.Path });

        Assert.Null(start.Review);
        Assert.Equal(ApplyStatus.Failed, start.Failure!.Status);
        Assert.False(start.Failure.DryRun);
        Assert.Contains(start.Failure.Errors, e => e.Code == ErrorCodes.SnippetNotFound);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task A_secret_in_a_change_is_masked_in_its_preview_and_the_whole_patchs_refusal_is_known_up_front()
    {
        const string token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        _folder.Write("scripts/ci.sh", "echo build\n");
        _folder.Write("fix.ap", $"0a1b2c3d AP 3.2\n\n0a1b2c3d FILE\nscripts/ci.sh\n0a1b2c3d INSERT_AFTER\n0a1b2c3d snippet\necho build\n0a1b2c3d content\nexport GH_TOKEN={token}\n");
        var review = await StartAsync();

        var preview = review.Preview(review.Steps.Single());

        Assert.Equal(ErrorCodes.UnsafePatch, Assert.Single(review.WholeValidationErrors).Code);
        Assert.Contains("+export GH_TOKEN=", preview.Diff);
        Assert.DoesNotContain(token, preview.Diff);
    }
}
