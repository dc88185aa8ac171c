namespace VirtPerf.Assertions.Gate;

/// <summary>What the evidence says about an overhead against its budget.</summary>
public enum Outcome
{
    /// <summary>The whole confidence interval lies within the budget.</summary>
    WithinBudget,

    /// <summary>The whole confidence interval lies above the budget: the row fails.</summary>
    OverBudget,

    /// <summary>The interval straddles the budget: more iterations would tell (the adaptive profile takes them).</summary>
    Undecided,
}
