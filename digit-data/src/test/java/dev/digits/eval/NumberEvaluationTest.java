package dev.digits.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberEvaluationTest {
    @Test
    void sequenceDigitAndPerLengthAccuracy() {
        NumberEvaluation evaluation = new NumberEvaluation();
        evaluation.add("a", "0123", "0123");  // right, leading zero kept
        evaluation.add("b", "0123", "123");   // a digit missed: 3 of 4 right
        evaluation.add("c", "7", "1");        // misread: 0 of 1
        evaluation.add("d", "45", null);      // no reading: 0 of 2
        evaluation.add("e", "45", "4445");    // two digits added: 0 of 2
        assertEquals(5, evaluation.count());
        assertEquals(1, evaluation.correct());
        assertEquals(0.2, evaluation.sequenceAccuracy(), 1e-9);
        assertEquals((4 + 3) / 13.0, evaluation.digitAccuracy(), 1e-9);
        assertEquals(Map.of(1, 0.0, 2, 0.0, 4, 0.5), evaluation.byLength());
        assertEquals(4, evaluation.misread().size());
        assertEquals(new NumberEvaluation.Misread("d", "45", null), evaluation.misread().get(2));
    }

    @Test
    void editDistance() {
        assertEquals(0, NumberEvaluation.editDistance("2024", "2024"));
        assertEquals(1, NumberEvaluation.editDistance("2024", "2029"));
        assertEquals(2, NumberEvaluation.editDistance("2024", "24"));
        assertEquals(3, NumberEvaluation.editDistance("", "123"));
    }
}
