"""Demo sections: each module's ``run(stack)`` drives one capability on the local stack."""
