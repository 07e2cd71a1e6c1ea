package io.mailbin.account;

import io.mailbin.config.Config;
import io.mailbin.store.Store;

/**
 * The account side of Mailbin over one store: the directory of addresses and domains, and the
 * services that change them. Built the same way by the server and by the CLI commands.
 */
public record AccountServices(Directory directory, Accounts accounts, Reservations reservations, Domains domains,
                              EmailValidation validation) implements AutoCloseable {

    public static AccountServices over(Store store, Config.Accounting settings) {
        Directory directory = new Directory(store.accounts(), settings.directoryPoll());
        return new AccountServices(
                directory,
                new Accounts(store.accounts(), directory, settings.accountMaxMessages(), settings.adminKey()),
                new Reservations(store.accounts(), store.messages(), directory),
                new Domains(store.accounts(), store.messages(), directory, settings.publicDomains()),
                new EmailValidation(settings.publicDomains()));
    }

    @Override
    public void close() {
        directory.close();
    }
}
