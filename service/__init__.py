"""Wave at Saturn: when and where the 2013 Cassini and MESSENGER Earth photographs happened."""
