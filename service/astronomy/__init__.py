"""astronomy"""
