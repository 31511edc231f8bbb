namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Data", "Set variable", "Stores a value in a variable of the instance.")]
public sealed class SetVariable : Activity
{
    [Input(Description = "The variable's name.", Required = true)]
    public string Name { get; set; } = "";

    [Input(Description = "The value, a JavaScript expression.", UIHint = UIHints.JavaScript, Required = true)]
    public System.Text.Json.Nodes.JsonNode? Value { get; set; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        context.Variables[Name] = Value?.DeepClone();
        return ActivityOutcome.Done;
    }
}
