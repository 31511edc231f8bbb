using CredentialConnect.Web.Features.Delivery;

namespace CredentialConnect.Web.Features.Email;

public static class EmailModule
{
    /// <summary>Email as an outbox channel: messages of kind <c>email</c> are sent over SMTP, or written to a pickup folder in Development.</summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        // Settings, validated at start-up; Development writes .eml files unless told otherwise.
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) => options.Mode ??= environment.IsDevelopment() ? EmailMode.Pickup : null)
            .ValidateDataAnnotations().ValidateOnStart();

        // The channel the outbox dispatcher picks for the kind.
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddKeyedSingleton<IOutboxChannel, EmailChannel>(OutboxKinds.Email);
        return builder;
    }
}
