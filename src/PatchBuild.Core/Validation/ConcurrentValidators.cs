namespace PatchBuild.Core.Validation;

/// <summary>
/// Validators that only read the plan, run side by side (the safety scan beside the syntax parse). Their errors and
/// warnings are reported in the order the validators are listed, whichever finishes first.
/// </summary>
public sealed class ConcurrentValidators(params IPlanValidator[] validators) : IPlanValidator
{
    public IReadOnlyList<IPlanValidator> Validators { get; } = validators;

    public void Validate(PlanValidationContext context)
    {
        var forks = Validators.Select(_ => context.Fork()).ToArray();
        if (Environment.ProcessorCount > 1 && Validators.Count > 1)
        {
            Parallel.For(0, Validators.Count, i => Validators[i].Validate(forks[i]));
        }
        else
        {
            for (int i = 0; i < Validators.Count; i++)
            {
                Validators[i].Validate(forks[i]);
            }
        }

        foreach (var fork in forks)
        {
            context.Errors.AddRange(fork.Errors);
            context.Warnings.AddRange(fork.Warnings);
        }
    }
}
