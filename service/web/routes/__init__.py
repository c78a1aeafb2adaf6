"""web/routes"""
