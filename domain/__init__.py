"""Pure business rules of e-Surety: amounts, fees, dates, identifiers; standard library only."""
