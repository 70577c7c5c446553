package dev.digits.examples.app;

import dev.digits.DigitsException;
import java.awt.Font;
import javax.swing.JLabel;

/** One line under a panel that says what is going on: working, done, or what went wrong. */
final class StatusLine extends JLabel {
    private boolean error;

    StatusLine(String initial) {
        super(initial);
        setFont(Ui.font(0.95f, Font.PLAIN));
        setForeground(Ui.MUTED);
    }

    /** A neutral message. */
    void info(String message) {
        error = false;
        setForeground(Ui.MUTED);
        setText(message);
        setToolTipText(null);
    }

    /** A problem, in red, with the whole message as a tooltip when it is long. */
    void error(String message) {
        error = true;
        setForeground(Ui.ERROR);
        setText(message);
        setToolTipText(message);
    }

    /** A problem from an exception: the library's own messages are written for users, others get their type. */
    void error(Throwable problem) {
        error(describe(problem));
    }

    /** Whether the line shows a problem. */
    boolean isError() {
        return error;
    }

    static String describe(Throwable problem) {
        String message = problem.getMessage();
        if (problem instanceof DigitsException || problem instanceof java.io.IOException
                || problem instanceof IllegalArgumentException) {
            return message == null ? problem.getClass().getSimpleName() : message.replaceAll("\\s*\\R\\s*", " ");
        }
        return problem.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
