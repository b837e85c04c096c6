package dev.hatchery.ops.stream;

import java.util.List;
import java.util.Random;

/**
 * Agrawal's loan-applicant generator (Agrawal, Imielinski and Swami, IEEE TKDE 1993): nine
 * attributes and ten classification functions. Perturbation, applied after the label is
 * fixed, acts as feature noise; its clip of house values to [0, 135000] reproduces MOA.
 */
public final class AgrawalGenerator implements LabelledStream {

    private static final Schema SCHEMA = new Schema(
            List.of("salary", "commission", "age", "elevel", "car", "zipcode", "hvalue", "hyears", "loan"),
            List.of("groupA", "groupB"));

    private final int function;
    private final double perturbation;
    private final Random random;
    private final Balance balance;

    public AgrawalGenerator(int function, long instanceSeed, double perturbation, boolean balance) {
        this.function = Checks.range("Agrawal function", function, 1, 10);
        if (!(perturbation >= 0 && perturbation <= 1)) {
            throw new IllegalArgumentException("Agrawal perturbation must be 0..1, got " + perturbation);
        }
        this.perturbation = perturbation;
        this.random = new Random(instanceSeed);
        this.balance = balance ? new Balance() : null;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public LabelledRow next() {
        double salary;
        double commission;
        int age;
        int elevel;
        int car;
        int zipcode;
        double hvalue;
        int hyears;
        double loan;
        int label;
        do {
            salary = 20_000 + 130_000 * random.nextDouble();
            commission = salary >= 75_000 ? 0 : 10_000 + 65_000 * random.nextDouble();
            age = 20 + random.nextInt(61);
            elevel = random.nextInt(5);
            car = random.nextInt(20);
            zipcode = random.nextInt(9);
            hvalue = (9 - zipcode) * 100_000 * (0.5 + random.nextDouble());
            hyears = 1 + random.nextInt(30);
            loan = 500_000 * random.nextDouble();
            label = holds(salary, commission, age, elevel, hvalue, hyears, loan) ? 0 : 1;
        } while (balance != null && !balance.accepts(label));
        double ageValue = age;
        double hyearsValue = hyears;
        if (perturbation > 0) {
            salary = perturb(salary, 130_000, 20_000, 150_000);
            if (commission > 0) {
                commission = perturb(commission, 65_000, 10_000, 75_000);
            }
            ageValue = Math.round(perturb(age, 60, 20, 80));
            hvalue = perturb(hvalue, (9 - zipcode) * 100_000, 0, 135_000);
            hyearsValue = Math.round(perturb(hyears, 29, 1, 30));
            loan = perturb(loan, 500_000, 0, 500_000);
        }
        return new LabelledRow(new double[] {salary, commission, ageValue, elevel, car, zipcode, hvalue, hyearsValue, loan},
                label);
    }

    private double perturb(double value, double range, double min, double max) {
        double perturbed = value + range * (2.0 * (random.nextDouble() - 0.5)) * perturbation;
        return Math.max(min, Math.min(max, perturbed));
    }

    private boolean holds(double salary, double commission, int age, int elevel, double hvalue, int hyears, double loan) {
        double total = salary + commission;
        return switch (function) {
            case 1 -> age < 40 || age >= 60;
            case 2 -> salaryBand(age, salary);
            case 3 -> age < 40 ? elevel <= 1 : age < 60 ? elevel >= 1 && elevel <= 3 : elevel >= 2;
            case 4 -> age < 40 ? (elevel <= 1 ? in(salary, 25_000, 75_000) : in(salary, 50_000, 100_000))
                    : age < 60 ? (elevel >= 1 && elevel <= 3 ? in(salary, 50_000, 100_000) : in(salary, 75_000, 125_000))
                    : (elevel >= 2 ? in(salary, 50_000, 100_000) : in(salary, 25_000, 75_000));
            case 5 -> age < 40 ? (in(salary, 50_000, 100_000) ? in(loan, 100_000, 300_000) : in(loan, 200_000, 400_000))
                    : age < 60 ? (in(salary, 75_000, 125_000) ? in(loan, 200_000, 400_000) : in(loan, 300_000, 500_000))
                    : (in(salary, 25_000, 75_000) ? in(loan, 300_000, 500_000) : in(loan, 100_000, 300_000));
            case 6 -> salaryBand(age, total);
            case 7 -> 2.0 * total / 3.0 - loan / 5 - 20_000 > 0;
            case 8 -> 2.0 * total / 3.0 - 5_000 * elevel - 20_000 > 0;
            case 9 -> 2.0 * total / 3.0 - 5_000 * elevel - loan / 5 - 10_000 > 0;
            default -> {
                double equity = hyears >= 20 ? hvalue * (hyears - 20) / 10 : 0;
                yield 2.0 * total / 3.0 - 5_000 * elevel + equity / 5 - 10_000 > 0;
            }
        };
    }

    private static boolean salaryBand(int age, double amount) {
        return age < 40 ? in(amount, 50_000, 100_000) : age < 60 ? in(amount, 75_000, 125_000) : in(amount, 25_000, 75_000);
    }

    private static boolean in(double value, double low, double high) {
        return low <= value && value <= high;
    }
}
