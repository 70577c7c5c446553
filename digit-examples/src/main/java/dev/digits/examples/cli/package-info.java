/**
 * The {@code digits} command line (picocli): one subcommand per class, JSON Lines with {@code --json}, exit status
 * 0, 1 or 2 as {@code docs/cli.md} specifies. The only place in Digits that binds a logger and prints.
 */
package dev.digits.examples.cli;
