package dev.digits;

import java.util.Locale;

/**
 * What a model does. A backend declares the tasks it serves ({@link DigitBackend#tasks()}) and a model card
 * the one task its model is for ({@link ModelCard#TASK}); {@link Digits} matches the two.
 */
public enum Task {
    /** Names the digit in a picture of one digit: {@link DigitClassifier}. */
    CLASSIFY("classify", "digit-classification"),
    /** Draws new digits of a chosen class: {@link DigitGenerator}. */
    GENERATE("generate", "digit-generation"),
    /** Reads a number of several digits: {@link NumberReader}. */
    READ_NUMBERS("read-numbers", "number-reading");

    private final String id;
    private final String cardValue;

    Task(String id, String cardValue) {
        this.id = id;
        this.cardValue = cardValue;
    }

    /** The short name used by the command line and its JSON: {@code classify}, {@code generate}, {@code read-numbers}. */
    public String id() {
        return id;
    }

    /** The value of {@link ModelCard#TASK} in the card of a model for this task. */
    public String cardValue() {
        return cardValue;
    }

    /**
     * The task a card's {@code task} value (or a short {@link #id()}) names.
     *
     * @throws BadModelFileException when it names none
     */
    public static Task fromCardValue(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Task task : values()) {
            if (task.cardValue.equals(wanted) || task.id.equals(wanted)) {
                return task;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Task task : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(task.cardValue);
        }
        throw new BadModelFileException("The model card's task is '" + value + "'; known tasks are " + known);
    }
}
