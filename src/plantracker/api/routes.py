from ninja import NinjaAPI

api = NinjaAPI(title="Plan Tracker API", version="1")
